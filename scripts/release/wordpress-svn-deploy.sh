#!/usr/bin/env bash
# Deploys a checked plugin zip (from `npm run release:dry`) to the plugin's
# WordPress.org SVN repository: trunk becomes exactly the zip's contents and
# tags/<Stable tag> a copy of it, in one commit. The release workflow runs it
# when the repository variable WP_SVN_DEPLOY is "true".
#
#   WP_SVN_USERNAME=… WP_SVN_PASSWORD=… scripts/release/wordpress-svn-deploy.sh <plugin.zip> [svn-url]
#
# Not run on our machines (no WordPress.org account); its steps are the ones
# WordPress.org documents for committing a release (svn add/rm in trunk, svn cp to tags).
set -euo pipefail

zip=${1:?usage: wordpress-svn-deploy.sh <plugin.zip> [svn-url]}
url=${2:-https://plugins.svn.wordpress.org/keen-lead-form}
: "${WP_SVN_USERNAME:?WP_SVN_USERNAME is not set}"
: "${WP_SVN_PASSWORD:?WP_SVN_PASSWORD is not set}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m zipfile -e "$zip" "$work/unzipped"
plugin="$work/unzipped/keen-lead-form"
version=$(sed -n 's/^Stable tag:[[:space:]]*//p' "$plugin/readme.txt" | tr -d '\r')
[ -n "$version" ] || { echo "readme.txt has no Stable tag" >&2; exit 1; }

svn checkout --quiet --depth immediates "$url" "$work/svn"
svn update --quiet --set-depth infinity "$work/svn/trunk"
if svn info "$url/tags/$version" >/dev/null 2>&1; then
  echo "tags/$version already exists on WordPress.org: a published version is never overwritten" >&2
  exit 1
fi

# trunk := the zip, file for file
find "$work/svn/trunk" -mindepth 1 -maxdepth 1 ! -name .svn -exec rm -rf {} +
cp -R "$plugin/." "$work/svn/trunk/"
cd "$work/svn"
svn add --force --quiet trunk
svn status trunk | sed -n 's/^!       //p' | while IFS= read -r missing; do svn rm --quiet "$missing"; done
svn copy --quiet trunk "tags/$version"
svn status
svn commit --message "Release $version" --non-interactive --no-auth-cache \
  --username "$WP_SVN_USERNAME" --password "$WP_SVN_PASSWORD"
echo "Deployed keen-lead-form $version to $url (trunk and tags/$version)"

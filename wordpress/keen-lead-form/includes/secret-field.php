<?php
/**
 * A secret setting (the Keen API key, the captcha secret): one sanitize
 * callback and one field renderer, so both secrets follow the same rules.
 *
 * The form posts `{ replace: string, remove?: "1" }` and the option is
 * stored as `array( <key> => secret )` (an array, so that
 * wp-admin/options.php lists it as "SERIALIZED DATA" instead of showing it).
 * The field is always empty: the page says whether a secret is stored,
 * never what it is; an empty field keeps what is stored (saving the page
 * for another setting must not wipe it); "remove" deletes it.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/**
 * Sanitize callback body shared by both secrets.
 *
 * @param mixed  $value   Submitted value.
 * @param string $option  The option name (where settings errors are filed).
 * @param string $key     The array key the secret is stored under ("key", "secret").
 * @param string $stored  The secret stored now, or ''.
 * @param string $pattern What a valid secret looks like (PCRE).
 * @param string $invalid The settings error shown when a new secret does not match (translated).
 * @return array<string, string> What to store.
 */
function keen_lead_form_sanitize_secret( $value, $option, $key, $stored, $pattern, $invalid ) {
	$keep = '' === $stored ? array() : array( $key => $stored );
	if ( is_array( $value ) && isset( $value[ $key ] ) && ! isset( $value['replace'] ) ) {
		// Already in the stored shape: WordPress runs this callback a second time
		// when the option did not exist yet (update_option → add_option).
		$value = array( 'replace' => $value[ $key ] );
	}
	if ( ! is_array( $value ) ) {
		return $keep;
	}
	if ( ! empty( $value['remove'] ) ) {
		return array();
	}
	$new = isset( $value['replace'] ) && is_string( $value['replace'] ) ? trim( $value['replace'] ) : '';
	if ( '' === $new ) {
		return $keep;
	}
	if ( 1 !== preg_match( $pattern, $new ) ) {
		add_settings_error( $option, $option . '_invalid', $invalid );
		return $keep;
	}
	return array( $key => $new );
}

/**
 * The field: an empty password input, then whether a secret is stored (never the secret)
 * with a box to remove it. Texts come translated from the caller.
 *
 * @param string                                                          $option   The option name (the input's name and id).
 * @param bool                                                            $is_stored Whether a secret is stored.
 * @param array{stored: string, hint: string, remove: string, none: string} $texts  What the page says.
 */
function keen_lead_form_render_secret_field( $option, $is_stored, $texts ) {
	printf(
		'<input type="password" class="regular-text code" id="%1$s" name="%1$s[replace]" value="" autocomplete="new-password" spellcheck="false" />',
		esc_attr( $option )
	);
	if ( $is_stored ) {
		printf(
			'<p class="keen-lead-form-secret-status"><strong>%1$s</strong> %2$s</p><p><label><input type="checkbox" id="%3$s_remove" name="%3$s[remove]" value="1" /> %4$s</label></p>',
			esc_html( $texts['stored'] ),
			esc_html( $texts['hint'] ),
			esc_attr( $option ),
			esc_html( $texts['remove'] )
		);
	} else {
		printf( '<p class="keen-lead-form-secret-status">%s</p>', esc_html( $texts['none'] ) );
	}
}

<?php
/**
 * The relay's rate limit: a fixed window per bucket (see
 * keen_lead_form_rate_limit_bucket()), counted in a transient.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/**
 * Counts one request for a bucket in a fixed window kept in a transient.
 * Transients are not atomic; at worst a burst gets a few extra requests in,
 * which Keen itself would still accept.
 *
 * @param string $bucket The client's bucket (an IPv4 address or an IPv6 /64).
 * @return int 0 when allowed, else the seconds until the window ends.
 */
function keen_lead_form_rate_limit_hit( $bucket ) {
	/**
	 * Filters the relay's rate limit: at most `max` requests per bucket (IPv4 address, IPv6 /64) in `window` seconds.
	 *
	 * @param array{max: int, window: int} $limit Default 10 per 600 seconds.
	 */
	$limit  = apply_filters(
		'keen_lead_form_rate_limit',
		array(
			'max'    => 10,
			'window' => 600,
		)
	);
	$max    = max( 1, (int) $limit['max'] );
	$window = max( 1, (int) $limit['window'] );
	$key    = 'keen_lead_form_rl_' . md5( $bucket );
	$now    = time();
	$entry  = get_transient( $key );
	if ( ! is_array( $entry ) || ! isset( $entry['start'], $entry['count'] ) || $now - (int) $entry['start'] >= $window ) {
		$entry = array(
			'start' => $now,
			'count' => 0,
		);
	}
	if ( (int) $entry['count'] >= $max ) {
		return max( 1, (int) $entry['start'] + $window - $now );
	}
	++$entry['count'];
	set_transient( $key, $entry, max( 1, (int) $entry['start'] + $window - $now ) );
	return 0;
}

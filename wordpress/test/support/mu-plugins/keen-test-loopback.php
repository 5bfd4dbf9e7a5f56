<?php
/*
 * Tests only, never shipped: copied into each test site's mu-plugins.
 *
 * The relay forwards through wp_safe_remote_post(), which refuses loopback
 * and private addresses unless `http_request_host_is_external` allows the
 * host, and every port but 80, 443 and 8080 unless `http_allowed_safe_ports`
 * lists it. The tests' Keen (the emulator) listens on 127.0.0.1 at a free
 * port, so this allows exactly that: 127.0.0.1 and localhost, any port.
 *
 * A test sets the option keen_test_strict_http to 1 to switch the allowance
 * off and see the relay refused, which proves it uses the safe function.
 */

/** @return bool Whether the allowance is on. */
function keen_test_loopback_allowed() {
	return ! get_option( 'keen_test_strict_http', 0 );
}

/** @return bool Whether $host is this machine's loopback name or address. */
function keen_test_is_loopback( $host ) {
	return in_array( strtolower( (string) $host ), array( '127.0.0.1', 'localhost' ), true );
}

add_filter(
	'http_request_host_is_external',
	static function ( $external, $host ) {
		return $external || ( keen_test_loopback_allowed() && keen_test_is_loopback( $host ) );
	},
	10,
	2
);

add_filter(
	'http_allowed_safe_ports',
	static function ( $ports, $host, $url ) {
		$port = wp_parse_url( $url, PHP_URL_PORT );
		if ( keen_test_loopback_allowed() && keen_test_is_loopback( $host ) && is_int( $port ) ) {
			$ports[] = $port;
		}
		return $ports;
	},
	10,
	3
);

<?php
/**
 * Who is asking: the visitor's address as the relay's rate limit sees it,
 * and the bucket it counts in. REMOTE_ADDR unless the administrator named
 * the header a trusted proxy sets; never a header a visitor could set unasked.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** A header name as HTTP allows it (letters, digits, dashes), e.g. X-Forwarded-For. */
const KEEN_LEAD_FORM_HEADER_NAME_PATTERN = '/^[A-Za-z][A-Za-z0-9-]{0,63}$/';

/**
 * The visitor's address: REMOTE_ADDR, or the address in the trusted proxy's
 * header when the settings name one and it holds a valid address. Sites with
 * other needs can use the `keen_lead_form_client_ip` filter.
 *
 * @return string
 */
function keen_lead_form_client_ip() {
	$ip     = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
	$header = keen_lead_form_get_settings()['proxy_header'];
	if ( '' !== $header ) {
		$forwarded = keen_lead_form_ip_from_header( $header );
		if ( '' !== $forwarded ) {
			$ip = $forwarded;
		}
	}
	/**
	 * Filters the address the relay rate-limits.
	 *
	 * @param string $ip REMOTE_ADDR, or the configured proxy header's address.
	 */
	return (string) apply_filters( 'keen_lead_form_client_ip', $ip );
}

/**
 * The address a trusted proxy put in a header. A proxy appends the address it
 * saw to a list (X-Forwarded-For: visitor-set, …, proxy-set), so only the last
 * entry is trusted; everything before it came from the visitor.
 *
 * @param string $header Header name, e.g. "X-Forwarded-For" or "CF-Connecting-IP".
 * @return string A valid IPv4/IPv6 address, or '' when the header is absent or holds none.
 */
function keen_lead_form_ip_from_header( $header ) {
	$key = 'HTTP_' . strtoupper( str_replace( '-', '_', $header ) );
	if ( ! isset( $_SERVER[ $key ] ) || ! is_string( $_SERVER[ $key ] ) ) {
		return '';
	}
	$entries = explode( ',', sanitize_text_field( wp_unslash( $_SERVER[ $key ] ) ) );
	$last    = trim( (string) end( $entries ) );
	return false === filter_var( $last, FILTER_VALIDATE_IP ) ? '' : $last;
}

/**
 * The rate-limit bucket of an address: an IPv4 address on its own, an IPv6
 * address by its /64 (one home or phone network gets a whole /64 and can pick
 * any address in it), and an IPv4-mapped IPv6 address (::ffff:192.0.2.1) as
 * the IPv4 address it is.
 *
 * @param string $ip Address.
 * @return string e.g. "192.0.2.1" or "2001:db8:1:2::/64"; anything unparseable stays as given.
 */
function keen_lead_form_rate_limit_bucket( $ip ) {
	if ( false === filter_var( $ip, FILTER_VALIDATE_IP ) ) {
		return $ip;
	}
	$packed = inet_pton( $ip );
	if ( false === $packed ) {
		return $ip;
	}
	if ( 4 === strlen( $packed ) ) {
		return (string) inet_ntop( $packed );
	}
	if ( str_repeat( "\0", 10 ) . "\xff\xff" === substr( $packed, 0, 12 ) ) {
		return (string) inet_ntop( substr( $packed, 12 ) );
	}
	return inet_ntop( substr( $packed, 0, 8 ) . str_repeat( "\0", 8 ) ) . '/64';
}

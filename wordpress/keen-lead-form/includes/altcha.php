<?php
/**
 * Proof of work without a third party: ALTCHA challenges (altcha-lib's v1
 * format, so the widget's solver works against this relay and the Node one)
 * issued and verified by this site.
 *
 * A challenge is sha256(salt . number) for a random number up to maxnumber;
 * the browser finds the number by trying them all. The salt carries its own
 * expiry (`?expires=<unix seconds>&`, the trailing "&" so no digits can be
 * moved between salt and number), and the HMAC signature over the challenge
 * proves this site issued it, so nothing is stored per challenge. A solution
 * is stored only once used, until it expires, to refuse replays.
 *
 * The HMAC key is generated once, kept in an option that is not autoloaded,
 * and never printed.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

const KEEN_LEAD_FORM_ALTCHA_KEY_OPTION = 'keen_lead_form_altcha_key';
/** Prefix of the transients that remember used solutions. */
const KEEN_LEAD_FORM_ALTCHA_USED_PREFIX = 'keen_lead_form_pow_';

/** @return string The site's HMAC key, created on first use. */
function keen_lead_form_altcha_key() {
	$key = get_option( KEEN_LEAD_FORM_ALTCHA_KEY_OPTION, '' );
	if ( is_string( $key ) && 64 === strlen( $key ) ) {
		return $key;
	}
	$key = bin2hex( random_bytes( 32 ) );
	// Not autoloaded: a secret has no business in every request's memory.
	update_option( KEEN_LEAD_FORM_ALTCHA_KEY_OPTION, $key, false );
	return $key;
}

/**
 * The difficulty and lifetime of challenges.
 *
 * @return array{maxnumber: int, expires: int}
 */
function keen_lead_form_altcha_params() {
	/**
	 * Filters the proof of work: `maxnumber` (the browser tries up to that many
	 * hashes, half on average; 100000 ≈ a fraction of a second on a phone) and
	 * `expires` (seconds a challenge stays valid).
	 *
	 * @param array{maxnumber: int, expires: int} $params
	 */
	$params = apply_filters(
		'keen_lead_form_altcha',
		array(
			'maxnumber' => 100000,
			'expires'   => 1200,
		)
	);
	return array(
		'maxnumber' => max( 1000, (int) $params['maxnumber'] ),
		'expires'   => max( 60, (int) $params['expires'] ),
	);
}

/**
 * A new challenge, as altcha-lib's createChallenge() makes it.
 *
 * @return array{algorithm: string, challenge: string, maxnumber: int, salt: string, signature: string}
 */
function keen_lead_form_altcha_create_challenge() {
	$params    = keen_lead_form_altcha_params();
	$salt      = bin2hex( random_bytes( 12 ) ) . '?expires=' . ( time() + $params['expires'] ) . '&';
	$number    = random_int( 0, $params['maxnumber'] );
	$challenge = hash( 'sha256', $salt . $number );
	return array(
		'algorithm' => 'SHA-256',
		'challenge' => $challenge,
		'maxnumber' => $params['maxnumber'],
		'salt'      => $salt,
		'signature' => hash_hmac( 'sha256', $challenge, keen_lead_form_altcha_key() ),
	);
}

/**
 * Checks a solution (the widget's base64 JSON payload) and, when good, marks
 * it used.
 *
 * @param mixed $payload `verification.altcha` as received.
 * @return string '' when valid; else 'missing', 'expired', 'invalid' or 'replayed'.
 */
function keen_lead_form_altcha_verify( $payload ) {
	if ( ! is_string( $payload ) || '' === $payload ) {
		return 'missing';
	}
	if ( strlen( $payload ) > 2048 ) {
		return 'invalid';
	}
	$decoded  = base64_decode( $payload, true );
	$solution = false === $decoded ? null : json_decode( $decoded, true );
	if ( ! is_array( $solution ) ) {
		return 'invalid';
	}
	foreach ( array( 'algorithm', 'challenge', 'salt', 'signature' ) as $name ) {
		if ( ! isset( $solution[ $name ] ) || ! is_string( $solution[ $name ] ) ) {
			return 'invalid';
		}
	}
	$number = $solution['number'] ?? null;
	if ( ! is_int( $number ) || $number < 0 || 'SHA-256' !== $solution['algorithm'] ) {
		return 'invalid';
	}
	// The signature first: only a challenge this site issued is worth reading.
	$expected_signature = hash_hmac( 'sha256', $solution['challenge'], keen_lead_form_altcha_key() );
	if ( ! hash_equals( $expected_signature, $solution['signature'] ) ) {
		return 'invalid';
	}
	if ( ! hash_equals( $solution['challenge'], hash( 'sha256', $solution['salt'] . $number ) ) ) {
		return 'invalid';
	}
	$expires = keen_lead_form_altcha_salt_expiry( $solution['salt'] );
	if ( $expires <= time() ) {
		return 'expired';
	}
	$used_key = KEEN_LEAD_FORM_ALTCHA_USED_PREFIX . md5( $solution['signature'] );
	if ( false !== get_transient( $used_key ) ) {
		return 'replayed';
	}
	set_transient( $used_key, 1, max( 1, $expires - time() ) );
	return '';
}

/**
 * @param string $salt A challenge's salt: random hex, then `?expires=<unix seconds>` and maybe more parameters.
 * @return int The expiry, 0 when the salt has none (such a challenge is refused: it would never expire).
 */
function keen_lead_form_altcha_salt_expiry( $salt ) {
	$query = strstr( $salt, '?' );
	if ( false === $query ) {
		return 0;
	}
	parse_str( substr( $query, 1 ), $params );
	return isset( $params['expires'] ) && is_string( $params['expires'] ) && ctype_digit( $params['expires'] ) ? (int) $params['expires'] : 0;
}

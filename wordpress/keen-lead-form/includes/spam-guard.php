<?php
/**
 * The relay's spam checks, run on the `verification` object the widget sends
 * beside the lead (shared contract C), before the rate limit so that spam
 * does not use up a real visitor's allowance: the honeypot, then the proof of
 * work or the captcha token. Refusals are final for the widget (400/403 with
 * `refused`), except a missing or expired proof of work, which says
 * `renew: true` so the widget solves a new challenge and sends again.
 *
 * Every refusal is counted per reason in an option the settings page shows,
 * and logged in one line that names the reason only: no address, no name, no
 * email.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** The challenge a site may ask for: proof of work, a captcha provider, or nothing. */
const KEEN_LEAD_FORM_CHALLENGES = array( 'altcha', 'turnstile', 'hcaptcha', 'friendlycaptcha', 'none' );
const KEEN_LEAD_FORM_CAPTCHA_SECRET_OPTION = 'keen_lead_form_captcha_secret';
const KEEN_LEAD_FORM_REFUSALS_OPTION       = 'keen_lead_form_refusals';
/** The reasons a refusal is counted under (contract C's `refused` values). */
const KEEN_LEAD_FORM_REFUSAL_REASONS = array( 'honeypot', 'challenge', 'captcha', 'rate-limit' );

/** @return string The stored captcha secret, or ''. */
function keen_lead_form_get_captcha_secret() {
	$stored = get_option( KEEN_LEAD_FORM_CAPTCHA_SECRET_OPTION, array() );
	return is_array( $stored ) && isset( $stored['secret'] ) && is_string( $stored['secret'] ) ? $stored['secret'] : '';
}

/**
 * The challenge in force. A captcha provider chosen without its site key or
 * secret cannot verify anything, so proof of work stays on until both are
 * set (the settings page says so).
 *
 * @return array{mode: string, provider: string, sitekey: string, secret: string, siteverify: string}
 */
function keen_lead_form_challenge_settings() {
	$mode       = (string) get_option( 'keen_lead_form_challenge', 'altcha' );
	$sitekey    = (string) get_option( 'keen_lead_form_captcha_sitekey', '' );
	$siteverify = (string) get_option( 'keen_lead_form_captcha_siteverify', '' );
	$secret     = keen_lead_form_get_captcha_secret();
	if ( ! in_array( $mode, KEEN_LEAD_FORM_CHALLENGES, true ) ) {
		$mode = 'altcha';
	}
	$is_captcha = ! in_array( $mode, array( 'altcha', 'none' ), true );
	if ( $is_captcha && ( '' === $sitekey || '' === $secret ) ) {
		$mode = 'altcha';
	}
	return array(
		'mode'       => $mode,
		'provider'   => $is_captcha && 'altcha' !== $mode ? $mode : '',
		'sitekey'    => $sitekey,
		'secret'     => $secret,
		'siteverify' => keen_lead_form_is_valid_endpoint( $siteverify ) ? $siteverify : '',
	);
}

/**
 * The widget's `challenge` attribute for the relay's setting.
 *
 * @return string e.g. "altcha", "none", "turnstile:<sitekey>".
 */
function keen_lead_form_challenge_attribute() {
	$challenge = keen_lead_form_challenge_settings();
	return '' === $challenge['provider'] ? $challenge['mode'] : $challenge['provider'] . ':' . $challenge['sitekey'];
}

/**
 * Runs the spam checks in contract C's order.
 *
 * @param mixed $verification The body's `verification` value (stdClass from json_decode), or null.
 * @return WP_REST_Response|null The refusal, or null to go on.
 */
function keen_lead_form_spam_check( $verification ) {
	$verification = $verification instanceof stdClass ? $verification : new stdClass();

	$honeypot = $verification->honeypot ?? '';
	if ( '' !== $honeypot && null !== $honeypot && false !== $honeypot ) {
		return keen_lead_form_refuse( 400, 'honeypot', 'honeypot', 'Refused' );
	}

	$challenge = keen_lead_form_challenge_settings();
	if ( 'altcha' === $challenge['mode'] ) {
		$result = keen_lead_form_altcha_verify( $verification->altcha ?? null );
		if ( 'missing' === $result || 'expired' === $result ) {
			// Not the visitor's fault (a solution still being worked on, or a lead
			// that waited offline): the widget solves a fresh challenge and resends.
			$response = keen_lead_form_refuse( 403, 'challenge', 'challenge/' . $result, 'The spam check needs a new challenge' );
			$response->set_data( array_merge( $response->get_data(), array( 'renew' => true ) ) );
			return $response;
		}
		if ( '' !== $result ) {
			return keen_lead_form_refuse( 403, 'challenge', 'challenge/' . $result, 'The spam check failed' );
		}
	} elseif ( '' !== $challenge['provider'] ) {
		$captcha  = $verification->captcha ?? null;
		$provider = $captcha instanceof stdClass && isset( $captcha->provider ) ? $captcha->provider : null;
		if ( $provider !== $challenge['provider'] ) {
			return keen_lead_form_refuse( 403, 'captcha', 'captcha/missing', 'The spam check failed' );
		}
		$result = keen_lead_form_captcha_verify( $challenge, $captcha->token ?? null );
		if ( 'unavailable' === $result ) {
			// The provider could not be asked: retryable, and nothing is forwarded unverified.
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the operator needs to know the provider is down.
			error_log( 'Keen Lead Form relay: the captcha provider could not be reached; the lead was not forwarded (503)' );
			return keen_lead_form_error_response( 503, 'The spam check is unavailable, please try again later', array( 'Retry-After' => '30' ) );
		}
		if ( '' !== $result ) {
			return keen_lead_form_refuse( 403, 'captcha', 'captcha/' . $result, 'The spam check failed' );
		}
	}
	return null;
}

/**
 * A refusal in contract C's shape, counted and logged.
 *
 * @param int    $status  400 or 403 (final for the widget), 429 for the rate limit.
 * @param string $reason  One of KEEN_LEAD_FORM_REFUSAL_REASONS.
 * @param string $detail  The reason with its detail for the log (e.g. "challenge/replayed").
 * @param string $message The `error` text.
 * @param array  $headers Extra headers.
 * @return WP_REST_Response
 */
function keen_lead_form_refuse( $status, $reason, $detail, $message, $headers = array() ) {
	keen_lead_form_count_refusal( $reason );
	keen_lead_form_log_refusal( $detail );
	$response = keen_lead_form_error_response( $status, $message, $headers );
	$response->set_data(
		array(
			'error'   => $message,
			'refused' => $reason,
		)
	);
	return $response;
}

/**
 * Adds one to a reason's counter. Read-modify-write, not atomic: under a
 * burst a count may come out a little low, which is good enough for an
 * operator's overview.
 *
 * @param string $reason One of KEEN_LEAD_FORM_REFUSAL_REASONS.
 */
function keen_lead_form_count_refusal( $reason ) {
	$counts = keen_lead_form_refusal_counts();
	++$counts[ $reason ];
	if ( '' === $counts['since'] ) {
		$counts['since'] = gmdate( 'c' );
	}
	update_option( KEEN_LEAD_FORM_REFUSALS_OPTION, $counts, false );
}

/** @return array<string, int|string> A count per reason, and `since` (ISO time of the first, '' when none). */
function keen_lead_form_refusal_counts() {
	$stored = get_option( KEEN_LEAD_FORM_REFUSALS_OPTION, array() );
	$stored = is_array( $stored ) ? $stored : array();
	$counts = array( 'since' => isset( $stored['since'] ) && is_string( $stored['since'] ) ? $stored['since'] : '' );
	foreach ( KEEN_LEAD_FORM_REFUSAL_REASONS as $reason ) {
		$counts[ $reason ] = isset( $stored[ $reason ] ) ? max( 0, (int) $stored[ $reason ] ) : 0;
	}
	return $counts;
}

/**
 * One line in PHP's error log: what was refused and why, nothing about who.
 *
 * @param string $detail e.g. "honeypot", "challenge/replayed", "rate-limit".
 */
function keen_lead_form_log_refusal( $detail ) {
	// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the operator's record of refusals, by design.
	error_log( 'Keen Lead Form relay: refused a request (' . $detail . ')' );
}

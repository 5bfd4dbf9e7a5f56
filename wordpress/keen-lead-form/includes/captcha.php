<?php
/**
 * Captcha providers (Cloudflare Turnstile, hCaptcha, Friendly Captcha): the
 * token the widget got from the provider is checked server-side with the
 * provider's siteverify API before a lead goes on. A provider that cannot be
 * asked is a temporary failure (503, the widget keeps the lead and retries),
 * never a reason to forward the lead unverified.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** Each provider's siteverify URL (overridable in the settings, for tests). */
const KEEN_LEAD_FORM_CAPTCHA_SITEVERIFY = array(
	'turnstile'       => 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
	'hcaptcha'        => 'https://api.hcaptcha.com/siteverify',
	'friendlycaptcha' => 'https://global.frcapi.com/api/v2/captcha/siteverify',
);

/**
 * Asks the provider whether a token is good.
 *
 * @param array{provider: string, sitekey: string, secret: string, siteverify: string} $captcha The settings.
 * @param mixed                                                                       $token   `verification.captcha.token` as received.
 * @return string '' when good; 'invalid' when the provider said no; 'unavailable' when it could not be asked.
 */
function keen_lead_form_captcha_verify( $captcha, $token ) {
	if ( ! is_string( $token ) || '' === $token || strlen( $token ) > 4096 ) {
		return 'invalid';
	}
	$url  = '' !== $captcha['siteverify'] ? $captcha['siteverify'] : KEEN_LEAD_FORM_CAPTCHA_SITEVERIFY[ $captcha['provider'] ];
	$args = array(
		'timeout'     => 10,
		'redirection' => 0,
	);
	if ( 'friendlycaptcha' === $captcha['provider'] ) {
		// Friendly Captcha v2: JSON body, the secret as an API key header.
		$args['headers'] = array(
			'Content-Type' => 'application/json',
			'X-API-Key'    => $captcha['secret'],
		);
		$args['body']    = wp_json_encode(
			array(
				'response' => $token,
				'sitekey'  => $captcha['sitekey'],
			)
		);
	} else {
		// Turnstile and hCaptcha: a form post. The visitor's address (optional) is not sent.
		$args['body'] = array(
			'secret'   => $captcha['secret'],
			'response' => $token,
		);
		if ( 'hcaptcha' === $captcha['provider'] ) {
			$args['body']['sitekey'] = $captcha['sitekey'];
		}
	}
	$answer = wp_safe_remote_post( $url, $args );
	if ( is_wp_error( $answer ) ) {
		return 'unavailable';
	}
	$status  = (int) wp_remote_retrieve_response_code( $answer );
	$decoded = json_decode( wp_remote_retrieve_body( $answer ), true );
	if ( $status >= 500 || 429 === $status || ! is_array( $decoded ) || ! isset( $decoded['success'] ) ) {
		return 'unavailable';
	}
	if ( true !== $decoded['success'] && 'friendlycaptcha' === $captcha['provider'] && 401 === $status ) {
		// Friendly Captcha answers 401 for a wrong API key: the site's fault, not the visitor's.
		return 'unavailable';
	}
	return true === $decoded['success'] ? '' : 'invalid';
}

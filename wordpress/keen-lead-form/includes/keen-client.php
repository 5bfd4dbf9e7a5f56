<?php
/**
 * The relay's side of Keen: builds the request (lead_external without a key,
 * or create_lead with the site's stored key), sends it through
 * wp_safe_remote_post, and turns Keen's answer into the relay's answer with
 * the same meaning, so the widget's retry rules still hold.
 *
 * The key goes into one header and nowhere else: not into a response, an
 * error message or a log line, whatever Keen answers.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/**
 * @param string $endpoint Keen's API URL.
 * @param string $channel  The configured channel id.
 * @param array  $lead     The validated lead fields (no action, no channel).
 * @param string $api_key  '' for lead_external; a key switches to create_lead.
 * @return WP_REST_Response
 */
function keen_lead_form_forward_lead( $endpoint, $channel, $lead, $api_key ) {
	// Keen's documented order: action and channel first.
	$payload = array_merge(
		array(
			'action'     => '' === $api_key ? 'lead_external' : 'create_lead',
			'channel_id' => $channel,
		),
		$lead
	);
	$json    = wp_json_encode( $payload, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	if ( false === $json ) {
		return keen_lead_form_error_response( 400, 'The lead could not be encoded as JSON' );
	}
	$headers = array(
		'Content-Type'   => 'application/json; charset=utf-8',
		'Content-Length' => (string) strlen( $json ),
		'Accept'         => 'application/json',
	);
	if ( '' !== $api_key ) {
		$headers['X-Api-Key'] = $api_key;
	}
	// wp_safe_remote_post: the endpoint is a setting, so it must not become a
	// way to make the site post to its own network (loopback, private ranges)
	// or to odd ports. Keen's API is a public host on 443.
	$answer = wp_safe_remote_post(
		$endpoint,
		array(
			'timeout'     => 15,
			'redirection' => 0,
			'headers'     => $headers,
			'body'        => $json,
			'data_format' => 'body',
		)
	);
	if ( is_wp_error( $answer ) ) {
		// The WP_Error's text may quote the URL or the request; the visitor gets neither.
		return keen_lead_form_error_response( 502, 'Could not reach Keen' );
	}
	return keen_lead_form_relay_answer( $answer, $api_key );
}

/**
 * Keen's answer as the relay's: success passed through, errors in Keen's
 * shape with Keen's status (and Retry-After), Keen's 401 as a configuration
 * failure.
 *
 * @param array  $answer  wp_remote_* response.
 * @param string $api_key The key that was sent ('' for none).
 * @return WP_REST_Response
 */
function keen_lead_form_relay_answer( $answer, $api_key ) {
	$status  = (int) wp_remote_retrieve_response_code( $answer );
	$decoded = json_decode( wp_remote_retrieve_body( $answer ) );
	if ( $status >= 200 && $status < 300 ) {
		if ( $decoded instanceof stdClass && isset( $decoded->lead ) && $decoded->lead instanceof stdClass ) {
			return new WP_REST_Response( $decoded, $status );
		}
		return keen_lead_form_error_response( 502, 'Keen answered ' . $status . ' without a lead' );
	}
	if ( $status < 400 || $status > 599 ) {
		return keen_lead_form_error_response( 502, 'Unexpected answer from Keen (' . $status . ')' );
	}
	if ( 401 === $status ) {
		// A refused key is the site's configuration, not the visitor's input: 403
		// is what the widget reads as "this form is not set up correctly" (final,
		// no retry). Keen's own text is not passed on.
		return keen_lead_form_error_response( 403, 'Keen refused this site\'s API key; an administrator must check it under Settings → Keen Lead Form' );
	}
	$message = $decoded instanceof stdClass && isset( $decoded->error ) && is_string( $decoded->error )
		? $decoded->error
		: 'Keen answered ' . $status;
	if ( '' !== $api_key ) {
		// Should Keen ever quote the key back, it still goes no further.
		$message = str_replace( $api_key, '[API key]', $message );
	}
	$headers     = array();
	$retry_after = wp_remote_retrieve_header( $answer, 'retry-after' );
	if ( is_string( $retry_after ) && '' !== $retry_after ) {
		$headers['Retry-After'] = $retry_after;
	}
	return keen_lead_form_error_response( $status, $message, $headers );
}

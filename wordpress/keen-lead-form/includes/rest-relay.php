<?php
/**
 * The relay: POST /wp-json/keen-lead-form/v1/lead takes the widget's
 * lead_external body without a channel id, adds the configured channel and
 * forwards it to Keen, so the channel id never appears in a page. Public like
 * the form itself, so it checks switch and size before anything else, then
 * the spam checks (spam-guard.php) and the rate limit.
 *
 * The gate lives in the route's own callback, not in a filter that compares
 * paths: WordPress matches routes case-insensitively, drops a trailing slash
 * and also answers ?rest_route=, so any path test of ours would miss spellings
 * that WordPress still routes here. Whatever spelling reached the callback,
 * WordPress itself decided it is this route.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

const KEEN_LEAD_FORM_REST_NAMESPACE = 'keen-lead-form/v1';
const KEEN_LEAD_FORM_REST_ROUTE     = '/lead';
/** Keen's own limit for a request body: 100 KB. */
const KEEN_LEAD_FORM_MAX_BODY_BYTES = 102400;
/** More custom properties than any channel defines; a bound on the work per request. */
const KEEN_LEAD_FORM_MAX_PROPERTIES = 100;
/** The top-level string fields of lead_external besides action and channel_id. */
const KEEN_LEAD_FORM_LEAD_FIELDS = array( 'first_name', 'last_name', 'email', 'phone', 'company_name', 'notes', 'business_id', 'employee', 'source' );

/** Registers the route: POST a lead; GET ?action=challenge or ?action=fields. */
function keen_lead_form_register_rest_route() {
	register_rest_route(
		KEEN_LEAD_FORM_REST_NAMESPACE,
		KEEN_LEAD_FORM_REST_ROUTE,
		array(
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => 'keen_lead_form_relay_lead',
				// Anyone who can see the form may send it, exactly as with Keen directly.
				'permission_callback' => '__return_true',
			),
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => 'keen_lead_form_relay_get',
				// What a form needs before sending: public like the form.
				'permission_callback' => '__return_true',
			),
		)
	);
}
add_action( 'rest_api_init', 'keen_lead_form_register_rest_route' );

/**
 * @param mixed $handler A matched REST handler (array with a `callback`), or anything else.
 * @return bool Whether WordPress matched the request to the relay.
 */
function keen_lead_form_is_relay_handler( $handler ) {
	return is_array( $handler ) && isset( $handler['callback'] ) && in_array( $handler['callback'], array( 'keen_lead_form_relay_lead', 'keen_lead_form_relay_get' ), true );
}

/**
 * Keen's error shape, `{ "error": "…" }`, which the widget understands.
 *
 * @param int    $status  HTTP status.
 * @param string $message Message.
 * @param array  $headers Extra headers.
 * @return WP_REST_Response
 */
function keen_lead_form_error_response( $status, $message, $headers = array() ) {
	$response = new WP_REST_Response( array( 'error' => $message ), $status );
	foreach ( $headers as $name => $value ) {
		$response->header( $name, $value );
	}
	return $response;
}

/**
 * The rate limit: counted for every request that got past the spam checks
 * (so refused spam does not use up a real visitor's allowance), malformed
 * and invalid ones included.
 *
 * @return WP_REST_Response|null The refusal, or null to go on.
 */
function keen_lead_form_relay_rate_limit() {
	$retry_after = keen_lead_form_rate_limit_hit( keen_lead_form_rate_limit_bucket( keen_lead_form_client_ip() ) );
	if ( $retry_after > 0 ) {
		return keen_lead_form_refuse( 429, 'rate-limit', 'rate-limit', 'Too many requests, please try again later', array( 'Retry-After' => (string) $retry_after ) );
	}
	return null;
}

/**
 * WordPress decodes a JSON body before any route code runs and refuses a
 * malformed one itself; for the relay, let the request through to the
 * callback instead, so that it meets the gate first (switched off, rate
 * limit, size) and then gets the relay's own "Malformed JSON" answer.
 *
 * @param mixed           $response WP_Error from WordPress's checks, or null.
 * @param array           $handler  The matched handler.
 * @param WP_REST_Request $request  Request.
 * @return mixed
 */
function keen_lead_form_relay_own_json_errors( $response, $handler, $request ) {
	if ( keen_lead_form_is_relay_handler( $handler ) && is_wp_error( $response ) && 'rest_invalid_json' === $response->get_error_code() ) {
		return null;
	}
	return $response;
}
add_filter( 'rest_request_before_callbacks', 'keen_lead_form_relay_own_json_errors', 10, 3 );

/**
 * WordPress answers some errors itself (a wrong method, say) as
 * `{ code, message, data }`; give the relay's clients Keen's shape throughout.
 * The route is recognised as WordPress recognises it: by the matched handler,
 * or, when no handler matched (a GET), by the route in any letter case.
 *
 * @param WP_REST_Response $response Response.
 * @param WP_REST_Server   $server   Server.
 * @param WP_REST_Request  $request  Request.
 * @return WP_REST_Response
 */
function keen_lead_form_relay_error_shape( $response, $server, $request ) {
	if ( ! ( $response instanceof WP_REST_Response ) || $response->get_status() < 400 ) {
		return $response;
	}
	$relay_route = '/' . KEEN_LEAD_FORM_REST_NAMESPACE . KEEN_LEAD_FORM_REST_ROUTE;
	if ( ! keen_lead_form_is_relay_handler( $response->get_matched_handler() ) && strtolower( untrailingslashit( $request->get_route() ) ) !== $relay_route ) {
		return $response;
	}
	$data = $response->get_data();
	if ( is_array( $data ) && isset( $data['code'], $data['message'] ) && ! isset( $data['error'] ) ) {
		$response->set_data( array( 'error' => (string) $data['message'] ) );
	}
	return $response;
}
add_filter( 'rest_post_dispatch', 'keen_lead_form_relay_error_shape', 10, 3 );

/**
 * Checks a decoded body against lead_external. Returns the lead to forward
 * (fields in the order received, channel_id dropped) or an error message.
 *
 * @param mixed $body json_decode() result, objects as stdClass.
 * @return array{0: array|null, 1: string} [lead, error]
 */
function keen_lead_form_validate_lead( $body ) {
	if ( ! ( $body instanceof stdClass ) ) {
		return array( null, 'Body must be a JSON object' );
	}
	$lead = array();
	foreach ( get_object_vars( $body ) as $name => $value ) {
		$name = (string) $name;
		if ( 'action' === $name ) {
			if ( 'lead_external' !== $value ) {
				return array( null, 'action must be "lead_external"' );
			}
		} elseif ( 'channel_id' === $name ) {
			// The relay decides the channel; a client's choice is ignored.
			continue;
		} elseif ( 'properties' === $name ) {
			$error = keen_lead_form_validate_properties( $value );
			if ( '' !== $error ) {
				return array( null, $error );
			}
			$lead['properties'] = $value;
		} elseif ( in_array( $name, KEEN_LEAD_FORM_LEAD_FIELDS, true ) ) {
			if ( ! is_string( $value ) ) {
				return array( null, $name . ' must be a string' );
			}
			$lead[ $name ] = $value;
		} else {
			return array( null, 'Unknown field: ' . $name );
		}
	}
	if ( ! isset( $body->action ) ) {
		return array( null, 'action required' );
	}
	return array( $lead, '' );
}

/**
 * @param mixed $properties The `properties` value.
 * @return string An error message, or '' when valid.
 */
function keen_lead_form_validate_properties( $properties ) {
	if ( ! is_array( $properties ) || ( array() !== $properties && array_keys( $properties ) !== range( 0, count( $properties ) - 1 ) ) ) {
		return 'properties must be an array';
	}
	if ( count( $properties ) > KEEN_LEAD_FORM_MAX_PROPERTIES ) {
		return 'Too many properties';
	}
	foreach ( $properties as $index => $property ) {
		$where = 'properties[' . $index . ']';
		if ( ! ( $property instanceof stdClass ) ) {
			return $where . ' must be an object';
		}
		$keys = array_keys( get_object_vars( $property ) );
		sort( $keys );
		if ( array( 'property_definitions_id', 'value' ) !== $keys ) {
			$unknown = array_diff( $keys, array( 'property_definitions_id', 'value' ) );
			return $unknown ? $where . ': unknown field ' . reset( $unknown ) : $where . ' needs property_definitions_id and value';
		}
		if ( ! is_string( $property->property_definitions_id ) || '' === $property->property_definitions_id ) {
			return $where . '.property_definitions_id must be a non-empty string';
		}
		$value = $property->value;
		if ( null === $value ) {
			return $where . '.value is required';
		}
		if ( ! is_string( $value ) && ! is_int( $value ) && ! is_float( $value ) && ! is_bool( $value ) && ! ( $value instanceof stdClass ) ) {
			return $where . '.value must be a string, number, boolean or object';
		}
	}
	return '';
}

/**
 * The route's POST callback, in this order: switched on, size, then (on a
 * JSON object) the spam checks on `verification`, which is taken out of the
 * lead; the rate limit; validation; the channel; forward and map Keen's answer.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response
 */
function keen_lead_form_relay_lead( $request ) {
	if ( keen_lead_form_is_form_post( $request ) ) {
		// The HTML-first form, sent without the script (form-posts.php): answered with pages, not JSON.
		return keen_lead_form_relay_form_post( $request );
	}
	if ( ! keen_lead_form_get_settings()['relay'] ) {
		return keen_lead_form_error_response( 404, 'The relay is switched off' );
	}
	if ( strlen( $request->get_body() ) > KEEN_LEAD_FORM_MAX_BODY_BYTES ) {
		return keen_lead_form_error_response( 413, 'Request body too large (max 100 KB)' );
	}
	$body      = json_decode( $request->get_body() );
	$malformed = JSON_ERROR_NONE !== json_last_error();
	if ( $body instanceof stdClass ) {
		$verification = $body->verification ?? null;
		unset( $body->verification );
		$refusal = keen_lead_form_spam_check( $verification );
		if ( null !== $refusal ) {
			return $refusal;
		}
	}
	$refusal = keen_lead_form_relay_rate_limit();
	if ( null !== $refusal ) {
		return $refusal;
	}
	if ( $malformed ) {
		return keen_lead_form_error_response( 400, 'Malformed JSON' );
	}
	list( $lead, $error ) = keen_lead_form_validate_lead( $body );
	if ( null === $lead ) {
		return keen_lead_form_error_response( 400, $error );
	}

	$settings = keen_lead_form_get_settings();
	if ( '' === $settings['channel'] ) {
		return keen_lead_form_error_response( 500, 'No Keen channel is configured on this site' );
	}
	return keen_lead_form_forward_lead( $settings['endpoint'], $settings['channel'], $lead, keen_lead_form_get_api_key() );
}

/**
 * The route's GET callback: `?action=challenge` issues a proof-of-work
 * challenge (when the site uses one), `?action=fields` serves the fields
 * imported from Keen (when the site owner imported them). Never cached: a
 * challenge is single-use, and fields change when re-imported.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response
 */
function keen_lead_form_relay_get( $request ) {
	if ( ! keen_lead_form_get_settings()['relay'] ) {
		return keen_lead_form_error_response( 404, 'The relay is switched off' );
	}
	$action = $request->get_param( 'action' );
	if ( 'challenge' === $action ) {
		if ( 'altcha' !== keen_lead_form_challenge_settings()['mode'] ) {
			$response = keen_lead_form_error_response( 404, 'This site uses no proof-of-work challenge' );
		} else {
			$response = new WP_REST_Response( keen_lead_form_altcha_create_challenge(), 200 );
		}
	} elseif ( 'fields' === $action ) {
		$fields   = keen_lead_form_get_channel_fields();
		$response = null === $fields
			? keen_lead_form_error_response( 404, 'No fields were imported from Keen on this site' )
			: new WP_REST_Response( $fields['config'], 200 );
	} else {
		$response = keen_lead_form_error_response( 400, 'Unknown action: use ?action=challenge or ?action=fields' );
	}
	$response->header( 'Cache-Control', 'no-store' );
	return $response;
}

<?php
/**
 * The relay: POST /wp-json/keen-lead-form/v1/lead takes the widget's
 * lead_external body without a channel id, adds the configured channel and
 * forwards it to Keen, so the channel id never appears in a page. Public like
 * the form itself, so it checks size, shape and rate before Keen sees anything.
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

/** Registers the route. */
function keen_lead_form_register_rest_route() {
	register_rest_route(
		KEEN_LEAD_FORM_REST_NAMESPACE,
		KEEN_LEAD_FORM_REST_ROUTE,
		array(
			'methods'             => WP_REST_Server::CREATABLE,
			'callback'            => 'keen_lead_form_relay_lead',
			// Anyone who can see the form may send it, exactly as with Keen directly.
			'permission_callback' => '__return_true',
		)
	);
}
add_action( 'rest_api_init', 'keen_lead_form_register_rest_route' );

/**
 * @param WP_REST_Request $request Request.
 * @return bool Whether the request is for the relay.
 */
function keen_lead_form_is_relay_request( $request ) {
	return untrailingslashit( $request->get_route() ) === '/' . KEEN_LEAD_FORM_REST_NAMESPACE . KEEN_LEAD_FORM_REST_ROUTE;
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
 * Runs before WordPress parses the body (a malformed or huge body must not
 * cost more than a counter): relay switched on, rate limit, then size.
 *
 * @param mixed           $result  A response to short-circuit with, or null.
 * @param WP_REST_Server  $server  Server.
 * @param WP_REST_Request $request Request.
 * @return mixed
 */
function keen_lead_form_relay_gate( $result, $server, $request ) {
	if ( null !== $result || 'POST' !== $request->get_method() || ! keen_lead_form_is_relay_request( $request ) ) {
		return $result;
	}
	if ( ! keen_lead_form_get_settings()['relay'] ) {
		return keen_lead_form_error_response( 404, 'The relay is switched off' );
	}
	$retry_after = keen_lead_form_rate_limit_hit( keen_lead_form_client_ip() );
	if ( $retry_after > 0 ) {
		return keen_lead_form_error_response( 429, 'Too many requests, please try again later', array( 'Retry-After' => (string) $retry_after ) );
	}
	if ( strlen( $request->get_body() ) > KEEN_LEAD_FORM_MAX_BODY_BYTES ) {
		return keen_lead_form_error_response( 413, 'Request body too large (max 100 KB)' );
	}
	return $result;
}
add_filter( 'rest_pre_dispatch', 'keen_lead_form_relay_gate', 10, 3 );

/**
 * WordPress answers some errors itself (invalid JSON, wrong method) as
 * `{ code, message, data }`; give the relay's clients Keen's shape throughout.
 *
 * @param WP_REST_Response $response Response.
 * @param WP_REST_Server   $server   Server.
 * @param WP_REST_Request  $request  Request.
 * @return WP_REST_Response
 */
function keen_lead_form_relay_error_shape( $response, $server, $request ) {
	if ( ! keen_lead_form_is_relay_request( $request ) || ! ( $response instanceof WP_REST_Response ) || $response->get_status() < 400 ) {
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
 * The visitor's address. REMOTE_ADDR only: forwarded-for headers are set by
 * the client and would let anyone dodge the limit. Sites behind a trusted
 * proxy can use the `keen_lead_form_client_ip` filter.
 *
 * @return string
 */
function keen_lead_form_client_ip() {
	$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
	return (string) apply_filters( 'keen_lead_form_client_ip', $ip );
}

/**
 * Counts one request for an address in a fixed window kept in a transient.
 * Transients are not atomic; at worst a burst gets a few extra requests in,
 * which Keen itself would still accept.
 *
 * @param string $ip Client address.
 * @return int 0 when allowed, else the seconds until the window ends.
 */
function keen_lead_form_rate_limit_hit( $ip ) {
	/**
	 * Filters the relay's rate limit: at most `max` requests per address in `window` seconds.
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
	$key    = 'keen_lead_form_rl_' . md5( $ip );
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
 * The route's callback: validate, add the channel, forward, map Keen's answer.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response
 */
function keen_lead_form_relay_lead( $request ) {
	$body = json_decode( $request->get_body() );
	if ( JSON_ERROR_NONE !== json_last_error() ) {
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
	// Keen's documented order: action and channel first.
	$payload = array_merge(
		array(
			'action'     => 'lead_external',
			'channel_id' => $settings['channel'],
		),
		$lead
	);
	return keen_lead_form_forward( $settings['endpoint'], $payload );
}

/**
 * Posts the payload to Keen and turns the answer into the relay's answer.
 * No API key, ever: lead_external takes none.
 *
 * @param string $endpoint Keen's API URL.
 * @param array  $payload  The lead_external body.
 * @return WP_REST_Response
 */
function keen_lead_form_forward( $endpoint, $payload ) {
	$json = wp_json_encode( $payload, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	if ( false === $json ) {
		return keen_lead_form_error_response( 400, 'The lead could not be encoded as JSON' );
	}
	$answer = wp_remote_post(
		$endpoint,
		array(
			'timeout'     => 15,
			'redirection' => 0,
			'headers'     => array(
				'Content-Type'   => 'application/json; charset=utf-8',
				'Content-Length' => (string) strlen( $json ),
				'Accept'         => 'application/json',
			),
			'body'        => $json,
			'data_format' => 'body',
		)
	);
	if ( is_wp_error( $answer ) ) {
		return keen_lead_form_error_response( 502, 'Could not reach Keen' );
	}

	$status  = (int) wp_remote_retrieve_response_code( $answer );
	$decoded = json_decode( wp_remote_retrieve_body( $answer ) );
	if ( $status >= 200 && $status < 300 ) {
		if ( $decoded instanceof stdClass ) {
			return new WP_REST_Response( $decoded, $status );
		}
		return keen_lead_form_error_response( 502, 'Keen answered ' . $status . ' without JSON' );
	}
	if ( $status < 400 || $status > 599 ) {
		return keen_lead_form_error_response( 502, 'Unexpected answer from Keen (' . $status . ')' );
	}
	$message = $decoded instanceof stdClass && isset( $decoded->error ) && is_string( $decoded->error )
		? $decoded->error
		: 'Keen answered ' . $status;
	$headers     = array();
	$retry_after = wp_remote_retrieve_header( $answer, 'retry-after' );
	if ( is_string( $retry_after ) && '' !== $retry_after ) {
		$headers['Retry-After'] = $retry_after;
	}
	return keen_lead_form_error_response( $status, $message, $headers );
}

<?php
/**
 * The relay's form posts (contract F): when the widget's script never runs
 * (blocked, failed, JavaScript off), the HTML-first form posts itself to the
 * relay form-encoded. The relay reads the form's configuration from
 * `keen_form`, checks the values by the widget's rules (form-model.php,
 * form-validation.php), applies what works without script (honeypot, rate
 * limit; proof of work needs script, so it is not asked for), forwards the
 * lead to Keen like a JSON lead, and answers with a small HTML page: a thank
 * you (or a redirect), or the form again with the visitor's input and the
 * problems, so nothing typed is lost.
 *
 * Pages are served through the REST route (the form's `action` is the relay's
 * URL): the callback returns the page as the response's data and
 * keen_lead_form_serve_html() prints it instead of JSON.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** What a form post is checked for, in the page's meta and the Keen-Relay-Checks header. */
const KEEN_LEAD_FORM_FORM_POST_CHECKS = 'honeypot, rate-limit';

/**
 * @param WP_REST_Request $request Request.
 * @return bool Whether the body is a browser's form post (application/x-www-form-urlencoded).
 */
function keen_lead_form_is_form_post( $request ) {
	$type = $request->get_content_type();
	return is_array( $type ) && 'application/x-www-form-urlencoded' === strtolower( (string) ( $type['value'] ?? '' ) );
}

/**
 * The body's fields, every value of a repeated name kept (a checkbox group
 * posts one entry per ticked option; PHP's own parser keeps only the last).
 *
 * @param string $body application/x-www-form-urlencoded.
 * @return array<string, string[]>
 */
function keen_lead_form_parse_form_body( $body ) {
	$fields = array();
	foreach ( explode( '&', $body ) as $pair ) {
		if ( '' === $pair ) {
			continue;
		}
		$parts = explode( '=', $pair, 2 );
		$name  = wp_check_invalid_utf8( urldecode( $parts[0] ), true );
		$value = wp_check_invalid_utf8( urldecode( $parts[1] ?? '' ), true );
		// A browser sends line breaks as CRLF; the widget's values hold LF.
		$fields[ $name ][] = str_replace( "\r\n", "\n", $value );
	}
	return $fields;
}

/**
 * The origins a form on this site is sent from: the site's own.
 *
 * @return string[] e.g. "https://site.example".
 */
function keen_lead_form_site_origins() {
	$origins = array();
	foreach ( array( home_url( '/' ), site_url( '/' ) ) as $url ) {
		$origin = keen_lead_form_origin_of( $url );
		if ( '' !== $origin ) {
			$origins[] = $origin;
		}
	}
	return array_values( array_unique( $origins ) );
}

/** @param string $url Absolute URL. @return string Its origin ("https://host[:port]", lower case), or ''. */
function keen_lead_form_origin_of( $url ) {
	$parts = wp_parse_url( (string) $url );
	if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) || ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
		return '';
	}
	return strtolower( $parts['scheme'] . '://' . $parts['host'] ) . ( isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '' );
}

/**
 * A URL the visitor may be sent to after a form post: a path on this site,
 * or an absolute URL on one of its origins. Anything else could make the
 * relay an open redirect for whoever forges `keen_form`.
 *
 * @param string $url Candidate.
 * @return string The absolute URL, or ''.
 */
function keen_lead_form_allowed_return_url( $url ) {
	$url = trim( (string) $url );
	if ( '' === $url || 1 === preg_match( '/[\x00-\x1f\x7f\\\\]/', $url ) ) {
		return '';
	}
	if ( 1 === preg_match( '#^/(?!/)#', $url ) ) {
		$url = keen_lead_form_site_origins()[0] . $url;
	}
	return in_array( keen_lead_form_origin_of( $url ), keen_lead_form_site_origins(), true ) ? esc_url_raw( $url, array( 'http', 'https' ) ) : '';
}

/**
 * A self-contained page (no external resources) as the route's response;
 * keen_lead_form_serve_html() prints it.
 *
 * @param int    $status  HTTP status.
 * @param string $lang    The form's language.
 * @param string $heading The page's heading (plain text).
 * @param string $body    HTML under the heading, built from escaped parts (printed through wp_kses()).
 * @param array  $headers Extra headers.
 * @return WP_REST_Response
 */
function keen_lead_form_page( $status, $lang, $heading, $body, $headers = array() ) {
	$response = new WP_REST_Response(
		array(
			'keen_page' => true,
			'lang'      => $lang,
			'heading'   => $heading,
			'body'      => $body,
		),
		$status
	);
	$response->header( 'Content-Type', 'text/html; charset=utf-8' );
	$response->header( 'Keen-Relay-Checks', KEEN_LEAD_FORM_FORM_POST_CHECKS );
	$response->header( 'Cache-Control', 'no-store' );
	$response->header( 'X-Content-Type-Options', 'nosniff' );
	foreach ( $headers as $name => $value ) {
		$response->header( $name, $value );
	}
	return $response;
}

/**
 * The tags and attributes a page's body may hold: the form's and the page's own, nothing else.
 *
 * @return array<string, array<string, bool>> For wp_kses().
 */
function keen_lead_form_page_allowed_html() {
	$control = array(
		'id'               => true,
		'name'             => true,
		'required'         => true,
		'autocomplete'     => true,
		'aria-invalid'     => true,
		'aria-describedby' => true,
	);
	$text    = $control + array(
		'minlength'   => true,
		'maxlength'   => true,
		'placeholder' => true,
	);
	$block   = array(
		'class'         => true,
		'id'            => true,
		'role'          => true,
		'data-*'        => true,
		'aria-hidden'   => true,
	);
	return array(
		'keen-lead-form' => array( 'lang' => true ),
		'form'           => array(
			'class'          => true,
			'method'         => true,
			'action'         => true,
			'accept-charset' => true,
			'lang'           => true,
		),
		'style'          => array(),
		'noscript'       => array(),
		'input'          => $text + array(
			'type'      => true,
			'value'     => true,
			'checked'   => true,
			'tabindex'  => true,
			'inputmode' => true,
			'min'       => true,
			'max'       => true,
			'data-*'    => true,
		),
		'textarea'       => $text,
		'select'         => $control,
		'option'         => array(
			'value'    => true,
			'selected' => true,
		),
		'label'          => array( 'for' => true ),
		'fieldset'       => $block + array( 'aria-describedby' => true ),
		'legend'         => array(),
		'span'           => array( 'aria-hidden' => true ),
		'div'            => $block + array( 'style' => true ),
		'p'              => $block,
		'h3'             => $block,
		'h4'             => $block,
		'ul'             => array( 'class' => true ),
		'li'             => array(),
		'a'              => array(
			'href'   => true,
			'target' => true,
			'rel'    => true,
		),
		'button'         => array(
			'type'  => true,
			'class' => true,
		),
	);
}

/**
 * Prints a page from keen_lead_form_page() as HTML instead of JSON. The
 * status and headers were already sent by the REST server.
 *
 * @param bool             $served Whether the request was already served.
 * @param WP_HTTP_Response $result The response.
 * @return bool
 */
function keen_lead_form_serve_html( $served, $result ) {
	if ( $served || ! ( $result instanceof WP_REST_Response ) || ! keen_lead_form_is_relay_handler( $result->get_matched_handler() ) ) {
		return $served;
	}
	$page = $result->get_data();
	if ( ! is_array( $page ) || true !== ( $page['keen_page'] ?? false ) ) {
		return $served;
	}
	echo '<!doctype html><html lang="' . esc_attr( $page['lang'] ) . '"><head><meta charset="utf-8">'
		. '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">'
		. '<meta name="keen-relay-checks" content="' . esc_attr( KEEN_LEAD_FORM_FORM_POST_CHECKS ) . '">'
		. '<title>' . esc_html( $page['heading'] ) . '</title>'
		. '<style>body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:40em;margin:2em auto;padding:0 1em}ul.keen-problems{color:#b3261e}</style>'
		. '</head><body><main><h1>' . esc_html( $page['heading'] ) . '</h1>'
		. wp_kses( $page['body'], keen_lead_form_page_allowed_html() )
		. '</main></body></html>';
	return true;
}
// Late: core sends its CORS headers in this filter too (rest_send_cors_headers), and headers must go before the body.
add_filter( 'rest_pre_serve_request', 'keen_lead_form_serve_html', 100, 2 );

/**
 * The form again, inside an (undefined) <keen-lead-form>, so its own styles
 * apply, holding the visitor's input.
 *
 * @param array $post   The form post (keen_lead_form_read_form_post()).
 * @param array $errors Field id → message.
 * @return string
 */
function keen_lead_form_page_form( $post, $errors = array() ) {
	return '<keen-lead-form lang="' . esc_attr( $post['model']['lang'] ) . '">'
		. keen_lead_form_html_form_body( $post['model'], $post['keen_form'], esc_url_raw( keen_lead_form_relay_url() ), $post['shown'], $errors )
		. '</keen-lead-form>';
}

/** @param string $text Plain text. @return string A paragraph. */
function keen_lead_form_page_paragraph( $text ) {
	return '<p>' . esc_html( $text ) . '</p>';
}

/**
 * Reads `keen_form` and the posted values.
 *
 * @param array<string, string[]> $fields The parsed body.
 * @return array|null model, keen_form (the JSON as posted), values (as the widget holds them), shown (to refill the form); null when `keen_form` is broken.
 */
function keen_lead_form_read_form_post( $fields ) {
	$keen_form = (string) ( $fields['keen_form'][0] ?? '' );
	$config    = json_decode( $keen_form, true );
	if ( ! is_array( $config ) || keen_lead_form_is_list( $config ) || 1 !== ( $config['v'] ?? null ) ) {
		return null;
	}
	$lang = keen_lead_form_resolve_lang( is_string( $config['lang'] ?? null ) ? $config['lang'] : 'en' );
	unset( $config['v'], $config['lang'] );
	$result = keen_lead_form_form_model( $config, $lang );
	if ( ! $result['ok'] ) {
		return null;
	}
	$model  = $result['model'];
	$values = array();
	$shown  = array();
	foreach ( $model['fields'] as $id => $field ) {
		$posted = $fields[ $id ] ?? null;
		if ( $field['hidden'] ) {
			// Sent as configured (keen_form), whatever the post says, as the markup always prints it.
			$values[ $id ] = $field['default'];
		} elseif ( 'checkboxes' === $field['control'] ) {
			$chosen        = null === $posted ? array() : array_values( array_filter( $posted, 'strlen' ) );
			$values[ $id ] = (string) wp_json_encode( $chosen, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
			$shown[ $id ]  = $chosen;
		} elseif ( 'checkbox' === $field['control'] ) {
			$values[ $id ] = null !== $posted && '' !== end( $posted );
			$shown[ $id ]  = $values[ $id ] ? 'on' : '';
		} elseif ( null !== $posted ) {
			$values[ $id ] = (string) end( $posted );
			$shown[ $id ]  = $values[ $id ];
		} else {
			$values[ $id ] = '';
			$shown[ $id ]  = '';
		}
	}
	foreach ( array( 'keen_consent', 'keen_marketing_consent' ) as $name ) {
		$shown[ $name ] = 'yes' === ( $fields[ $name ][0] ?? '' ) ? 'yes' : '';
	}
	return array(
		'model'     => $model,
		'keen_form' => $keen_form,
		'values'    => $values,
		'shown'     => $shown,
		'honeypot'  => trim( (string) ( $fields[ KEEN_LEAD_FORM_HONEYPOT_NAME ][0] ?? '' ) ),
	);
}

/**
 * The route's answer to a form post.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response An HTML page (or a 303 redirect).
 */
function keen_lead_form_relay_form_post( $request ) {
	$site_lang = keen_lead_form_resolve_lang( get_bloginfo( 'language' ) );
	$broken    = static function ( $status, $lang ) {
		return keen_lead_form_page( $status, $lang, keen_lead_form_text( $lang, 'misconfiguredHeading' ), keen_lead_form_page_paragraph( keen_lead_form_text( $lang, 'failureMisconfigured' ) ) );
	};
	if ( ! keen_lead_form_get_settings()['relay'] ) {
		return $broken( 404, $site_lang );
	}
	if ( strlen( $request->get_body() ) > KEEN_LEAD_FORM_MAX_BODY_BYTES ) {
		return $broken( 413, $site_lang );
	}
	$origin = (string) $request->get_header( 'origin' );
	if ( ! in_array( keen_lead_form_origin_of( $origin ), keen_lead_form_site_origins(), true ) ) {
		// Browsers send Origin with every form post; none, "null" or another site's is not this site's form.
		keen_lead_form_log_refusal( 'form-post/origin' );
		return keen_lead_form_page( 403, $site_lang, keen_lead_form_text( $site_lang, 'misconfiguredHeading' ), keen_lead_form_page_paragraph( keen_lead_form_text( $site_lang, 'originRefused' ) ) );
	}

	$post = keen_lead_form_read_form_post( keen_lead_form_parse_form_body( $request->get_body() ) );
	if ( null === $post ) {
		keen_lead_form_log_refusal( 'form-post/keen_form' );
		return $broken( 400, $site_lang );
	}
	$model   = $post['model'];
	$lang    = $model['lang'];
	$text    = static function ( $key, $values = array() ) use ( $model ) {
		return keen_lead_form_text( $model['lang'], $key, $model['messages'], $values );
	};
	$referer = keen_lead_form_allowed_return_url( (string) $request->get_header( 'referer' ) );

	if ( '' !== $post['honeypot'] ) {
		// As the widget does: the bot sees the usual thank-you, nothing is forwarded.
		keen_lead_form_count_refusal( 'honeypot' );
		keen_lead_form_log_refusal( 'honeypot' );
		return keen_lead_form_thank_you_page( $model, $referer );
	}
	if ( '' !== keen_lead_form_challenge_settings()['provider'] ) {
		// A captcha needs script; the visitor's input comes back so nothing is lost.
		keen_lead_form_log_refusal( 'form-post/captcha-needs-script' );
		return keen_lead_form_page( 403, $lang, $text( 'queuedHeading' ), keen_lead_form_page_paragraph( $text( 'needsJavaScript' ) ) . keen_lead_form_page_form( $post ) );
	}
	$retry_after = keen_lead_form_rate_limit_hit( keen_lead_form_rate_limit_bucket( keen_lead_form_client_ip() ) );
	if ( $retry_after > 0 ) {
		keen_lead_form_count_refusal( 'rate-limit' );
		keen_lead_form_log_refusal( 'rate-limit' );
		return keen_lead_form_page( 429, $lang, $text( 'queuedHeading' ), keen_lead_form_page_paragraph( $text( 'rateLimited' ) ) . keen_lead_form_page_form( $post ), array( 'Retry-After' => (string) $retry_after ) );
	}

	list( $lead, $errors ) = keen_lead_form_lead_from_form( $model, $post['values'], $post['shown'] );
	if ( null === $lead ) {
		$problems = '';
		foreach ( $errors as $id => $message ) {
			$label     = isset( $model['fields'][ $id ] ) ? $model['fields'][ $id ]['label'] . ': ' : '';
			$problems .= '<li><a href="#' . esc_attr( keen_lead_form_html_id( $id ) ) . '">' . esc_html( $label . $message ) . '</a></li>';
		}
		return keen_lead_form_page( 400, $lang, $text( 'problemsHeading' ), keen_lead_form_page_paragraph( $text( 'errorSummary', array( 'count' => count( $errors ) ) ) ) . '<ul class="keen-problems">' . $problems . '</ul>' . keen_lead_form_page_form( $post, $errors ) );
	}

	$settings = keen_lead_form_get_settings();
	if ( '' === $settings['channel'] ) {
		return $broken( 500, $lang );
	}
	$answer = keen_lead_form_forward_lead( $settings['endpoint'], $settings['channel'], $lead, keen_lead_form_get_api_key() );
	$status = $answer->get_status();
	if ( $status >= 200 && $status < 300 ) {
		$redirect = keen_lead_form_allowed_return_url( $model['redirect'] );
		if ( '' !== $redirect ) {
			$response = keen_lead_form_page( 303, $lang, $text( 'successHeading' ), '<p><a href="' . esc_url( $redirect ) . '">' . esc_html( $redirect ) . '</a></p>' );
			$response->header( 'Location', $redirect );
			return $response;
		}
		return keen_lead_form_thank_you_page( $model, $referer );
	}
	$headers     = array();
	$retry_after = $answer->get_headers()['Retry-After'] ?? '';
	if ( '' !== $retry_after ) {
		$headers['Retry-After'] = $retry_after;
	}
	if ( 429 === $status || 408 === $status || $status >= 500 ) {
		// Not the visitor's fault and not final: the same form, ready to send again.
		return keen_lead_form_page( 429 === $status ? 429 : 503, $lang, $text( 'queuedHeading' ), keen_lead_form_page_paragraph( $text( 'notSentYet' ) ) . keen_lead_form_page_form( $post ), $headers );
	}
	$data    = $answer->get_data();
	$message = 403 === $status ? $text( 'failureMisconfigured' ) : $text( 'failureRejected', array( 'reason' => is_array( $data ) && isset( $data['error'] ) ? (string) $data['error'] : (string) $status ) );
	return keen_lead_form_page( $status, $lang, 403 === $status ? $text( 'misconfiguredHeading' ) : $text( 'queuedHeading' ), keen_lead_form_page_paragraph( $message ) . keen_lead_form_page_form( $post ), $headers );
}

/**
 * The thank-you page: the element's success heading and message, and a way
 * back to the page the form is on.
 *
 * @param array  $model   The form.
 * @param string $referer The page the form was sent from, when it is on this site ('' otherwise).
 * @return WP_REST_Response
 */
function keen_lead_form_thank_you_page( $model, $referer ) {
	$message = '' !== $model['successMessage'] ? $model['successMessage'] : keen_lead_form_text( $model['lang'], 'success', $model['messages'] );
	$body    = keen_lead_form_page_paragraph( $message );
	if ( '' !== $referer ) {
		$body .= '<p><a href="' . esc_url( $referer ) . '">' . esc_html( keen_lead_form_text( $model['lang'], 'backToPage', $model['messages'] ) ) . '</a></p>';
	}
	return keen_lead_form_page( 200, $model['lang'], keen_lead_form_text( $model['lang'], 'successHeading', $model['messages'] ), $body );
}

<?php
/**
 * A form post's values checked by the widget's rules
 * (src/schema/validate-lead-form.ts validateFields / buildLeadPayload) and
 * turned into the lead Keen gets, with the consents recorded in `notes` as
 * the widget records them (src/spam/consent-record.ts). Errors carry the
 * widget's own messages in the form's language.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** Zod's email shape widened to internationalised addresses (validate-lead-form.ts EMAIL). */
const KEEN_LEAD_FORM_EMAIL_PATTERN = "/^(?:[\\p{L}\\p{M}\\p{N}_'+-]+\\.)*[\\p{L}\\p{M}\\p{N}_'+-]*[\\p{L}\\p{M}\\p{N}_+-]@(?:[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N}-]*\\.)+(?:\\p{L}[\\p{L}\\p{M}]+|xn--[a-z\\d-]+)$/iu";

/** @param string $text @return int Its length as JavaScript counts it (UTF-16 code units), as the widget's limits do. */
function keen_lead_form_js_length( $text ) {
	$code_points = preg_match_all( '/./us', $text );
	$astral      = preg_match_all( '/[\x{10000}-\x{10FFFF}]/u', $text );
	return (int) $code_points + (int) $astral;
}

/** @param string $text @return bool A real day written YYYY-MM-DD. */
function keen_lead_form_is_iso_day( $text ) {
	// Year 0000 is a real (leap) year to JavaScript's Date; checkdate() starts at 1, and 2000 is leap like it.
	return 1 === preg_match( '/^(\d{4})-(\d{2})-(\d{2})$/', $text, $parts ) && checkdate( (int) $parts[2], (int) $parts[3], 0 === (int) $parts[1] ? 2000 : (int) $parts[1] );
}

/**
 * An absolute http(s) address whose host has a dot (or is localhost), read
 * the way the widget's `new URL()` (the WHATWG URL parser) reads it, for the
 * parts that decide the answer: any number of slashes or backslashes after
 * "http:", the host between the user info and the port, percent-decoded,
 * without the characters a host may not hold, the ideographic full stops IDNA
 * maps to ".", a host ending in a number read as an IPv4 address (and refused
 * when it is not one), a port of digits up to 65535.
 *
 * @param string $text The value (trimmed).
 * @return bool
 */
function keen_lead_form_is_web_address( $text ) {
	if ( 1 === preg_match( '/[' . KEEN_LEAD_FORM_JS_SPACES . ']/u', $text ) ) {
		return false;
	}
	if ( 1 !== preg_match( '#^https?:[/\\\\]*([^/\\\\?\#]*)#i', $text, $parts ) ) {
		return false;
	}
	$authority = $parts[1];
	$at        = strrpos( $authority, '@' );
	$host_port = false === $at ? $authority : substr( $authority, $at + 1 );
	if ( '' === $host_port || '[' === $host_port[0] ) {
		return false; // No host, or an IPv6 address (no dot to find).
	}
	$colon = strpos( $host_port, ':' );
	$host  = false === $colon ? $host_port : substr( $host_port, 0, $colon );
	$port  = false === $colon ? '' : substr( $host_port, $colon + 1 );
	if ( 1 !== preg_match( '/^\d*$/', $port ) || ( '' !== $port && (int) $port > 65535 ) ) {
		return false;
	}
	$host = str_replace( array( "\u{3002}", "\u{FF0E}", "\u{FF61}" ), '.', rawurldecode( $host ) );
	if ( '' === $host || 1 === preg_match( '/[\x00-\x20#%\/:<>?@\[\\\\\]^|\x7f]/', $host ) ) {
		return false;
	}
	$host   = strtolower( $host );
	$labels = explode( '.', $host );
	if ( count( $labels ) > 1 && '' === end( $labels ) ) {
		array_pop( $labels );
	}
	if ( 1 === preg_match( '/^(?:\d+|0x[0-9a-f]*)$/', (string) end( $labels ) ) ) {
		// Ends in a number: the URL parser reads an IPv4 address (always dotted once read) or refuses it.
		return keen_lead_form_is_ipv4_host( $labels );
	}
	return 1 === preg_match( '/\.[^.]|^localhost$/', $host );
}

/**
 * Whether the URL parser's IPv4 reading accepts these labels: up to four
 * numbers (decimal, 0x hex, 0 octal), each but the last below 256, the last
 * filling the bytes left.
 *
 * @param string[] $labels The host's labels.
 * @return bool
 */
function keen_lead_form_is_ipv4_host( $labels ) {
	if ( count( $labels ) > 4 ) {
		return false;
	}
	foreach ( array_values( $labels ) as $index => $label ) {
		if ( 1 === preg_match( '/^0x([0-9a-f]*)$/', $label, $hex ) ) {
			$number = '' === $hex[1] ? 0 : hexdec( $hex[1] );
		} elseif ( 1 === preg_match( '/^0([0-7]+)$/', $label, $octal ) ) {
			$number = octdec( $octal[1] );
		} elseif ( 1 === preg_match( '/^(?:0|[1-9]\d*)$/', $label ) ) {
			$number = (float) $label;
		} else {
			return false;
		}
		$last = count( $labels ) - 1 === $index;
		if ( $last ? $number >= pow( 256, 5 - count( $labels ) ) : $number > 255 ) {
			return false;
		}
	}
	return true;
}

/**
 * JavaScript's \s (and what String.prototype.trim() removes), for a character class: PHP's /u
 * turns on Unicode properties, so PCRE's own \s is a different set.
 */
const KEEN_LEAD_FORM_JS_SPACES = '\t\n\x{b}\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}';
/** JavaScript's \d and \w are ASCII; PHP's /u makes PCRE's Unicode. */
const KEEN_LEAD_FORM_JS_CLASSES = array(
	'd' => '0-9',
	'w' => 'A-Za-z0-9_',
	's' => KEEN_LEAD_FORM_JS_SPACES,
);

/**
 * A field's `pattern` (a JavaScript regular expression, `u` flag, as the widget
 * and the HTML attribute read it) as PCRE, anchored like the attribute: the
 * spellings PCRE reads differently are rewritten (\uXXXX and \u{X} escapes,
 * surrogate pairs, JavaScript's wider \s, `.` not matching line breaks,
 * `[^]` and `[]`, `$` only at the very end).
 *
 * @param string $source The pattern as configured.
 * @return string|null The PCRE (with delimiters), or null when PCRE cannot compile it.
 */
function keen_lead_form_pcre_from_js( $source ) {
	$out      = '';
	$in_class = false;
	$length   = strlen( $source );
	for ( $i = 0; $i < $length; $i++ ) {
		$char = $source[ $i ];
		if ( '\\' === $char && $i + 1 < $length ) {
			$next = $source[ $i + 1 ];
			if ( 'u' === $next && 1 === preg_match( '/\G(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/', $source, $unit, 0, $i + 2 ) ) {
				$code = hexdec( '' !== $unit[1] ? $unit[1] : $unit[2] );
				$i   += 1 + strlen( $unit[0] );
				// A high and a low surrogate written as two escapes are one character, as in JavaScript.
				if ( $code >= 0xD800 && $code <= 0xDBFF && 1 === preg_match( '/\G\\\\u(d[c-f][0-9a-f]{2})/i', $source, $low, 0, $i + 1 ) ) {
					$code = 0x10000 + ( ( $code - 0xD800 ) << 10 ) + ( hexdec( $low[1] ) - 0xDC00 );
					$i   += strlen( $low[0] );
				}
				$out .= sprintf( '\x{%x}', $code );
				continue;
			}
			$lower = strtolower( $next );
			if ( isset( KEEN_LEAD_FORM_JS_CLASSES[ $lower ] ) && ( ! $in_class || $lower === $next ) ) {
				// \d \w \s as JavaScript reads them; a negated one inside a class ([^\D]) stays PCRE's: see wordpress/README.md.
				$set  = KEEN_LEAD_FORM_JS_CLASSES[ $lower ];
				$out .= $in_class ? $set : ( ( $lower === $next ? '[' : '[^' ) . $set . ']' );
				++$i;
				continue;
			}
			$out .= $char . $next;
			++$i;
			continue;
		}
		if ( $in_class ) {
			if ( ']' === $char ) {
				$in_class = false;
			}
			$out .= '[' === $char ? '\[' : ( '/' === $char ? '\/' : $char );
			continue;
		}
		if ( '[' === $char ) {
			if ( '^]' === substr( $source, $i + 1, 2 ) ) {
				$out .= '[\s\S]'; // JavaScript's "any character".
				$i   += 2;
				continue;
			}
			if ( ']' === substr( $source, $i + 1, 1 ) ) {
				$out .= '(?!)'; // JavaScript's empty class matches nothing.
				++$i;
				continue;
			}
			$in_class = true;
			$out     .= '[';
			if ( '^' === substr( $source, $i + 1, 1 ) ) {
				$out .= '^';
				++$i;
			}
			continue;
		}
		if ( '.' === $char ) {
			$out .= '[^\n\r\x{2028}\x{2029}]';
		} elseif ( '/' === $char ) {
			$out .= '\/';
		} else {
			$out .= $char;
		}
	}
	$pcre = '/^(?:' . $out . ')$/uD';
	return false === @preg_match( $pcre, '' ) ? null : $pcre; // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a pattern PCRE cannot read is reported by the null.
}

/**
 * One field's value against its rules, in the widget's order; the first
 * broken rule is the error.
 *
 * @param array            $field The field.
 * @param string|bool|null $raw   Its value as the widget holds it.
 * @return array{0: array|null, 1: mixed} [error (code, limit, day) or null, the value to send (null: nothing)]
 */
function keen_lead_form_check_field( $field, $raw ) {
	$value = $raw;
	if ( is_string( $value ) ) {
		// JavaScript's trim(): Unicode spaces too, as the widget trims.
		$value = (string) preg_replace( '/^[' . KEEN_LEAD_FORM_JS_SPACES . ']+|[' . KEEN_LEAD_FORM_JS_SPACES . ']+$/u', '', $value );
		$value = '' === $value || '[]' === $value ? null : $value;
	} elseif ( false === $value ) {
		$value = null;
	}
	$error = static function ( $code, $extra = array() ) {
		return array( array( 'code' => $code ) + $extra, null );
	};
	if ( 'checkbox' === $field['control'] ) {
		if ( true === $value ) {
			return array( null, true );
		}
		return $field['required'] ? $error( 'mustAccept' ) : array( null, null );
	}
	if ( null === $value || true === $value ) {
		return $field['required'] ? $error( 'required' ) : array( null, null );
	}
	if ( 'number' === $field['control'] ) {
		$number = keen_lead_form_parse_decimal( $value );
		if ( null === $number ) {
			return $error( 'invalidNumber' );
		}
		if ( null !== $field['min'] && $number < $field['min'] ) {
			return $error( 'tooSmall', array( 'limit' => $field['min'] ) );
		}
		if ( null !== $field['max'] && $number > $field['max'] ) {
			return $error( 'tooBig', array( 'limit' => $field['max'] ) );
		}
		// 42, not 42.0: the number as the widget sends it.
		return array( null, floor( $number ) === $number && abs( $number ) < 1e15 ? (int) $number : $number );
	}
	if ( 'checkboxes' === $field['control'] ) {
		$allowed = array_column( $field['options'] ?? array(), 'value' );
		$chosen  = keen_lead_form_read_choices( $value );
		if ( null === $chosen || array_diff( $chosen, $allowed ) ) {
			return $error( 'invalidOption' );
		}
		$ordered = array_values( array_intersect( $allowed, $chosen ) );
		return array( null, 'json' === $field['choicesFormat'] ? wp_json_encode( $ordered, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) : implode( ', ', $ordered ) );
	}
	$control = $field['control'];
	if ( 'email' === $control && 1 !== preg_match( KEEN_LEAD_FORM_EMAIL_PATTERN, $value ) ) {
		return $error( 'invalidEmail' );
	}
	if ( 'url' === $control && ! keen_lead_form_is_web_address( $value ) ) {
		return $error( 'invalidUrl' );
	}
	if ( 'date' === $control && ! keen_lead_form_is_iso_day( $value ) ) {
		return $error( 'invalidDate' );
	}
	$length = keen_lead_form_js_length( $value );
	if ( null !== $field['minLength'] && $length < $field['minLength'] ) {
		return $error( 'tooShort', array( 'limit' => $field['minLength'] ) );
	}
	if ( null !== $field['maxLength'] && $length > $field['maxLength'] ) {
		return $error( 'tooLong', array( 'limit' => $field['maxLength'] ) );
	}
	if ( 'tel' === $control ) {
		$digits = strlen( (string) preg_replace( '/\D/', '', $value ) );
		if ( 1 !== preg_match( '#^\+?[\d\s().\-/]+$#u', $value ) || $digits < 5 || $digits > 20 ) {
			return $error( 'invalidPhone' );
		}
	}
	if ( null !== $field['pattern'] ) {
		// A pattern PCRE cannot compile (or that runs out of backtracking) is not held against the visitor.
		$pcre = keen_lead_form_pcre_from_js( $field['pattern'] );
		if ( null !== $pcre && 0 === @preg_match( $pcre, $value ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a backtracking limit is reported by false.
			return $error( 'pattern' );
		}
	}
	if ( null !== $field['options'] && ! in_array( $value, array_column( $field['options'], 'value' ), true ) ) {
		return $error( 'invalidOption' );
	}
	if ( 'date' === $control && null !== $field['earliest'] && $value < $field['earliest'] ) {
		return $error( 'tooEarly', array( 'day' => $field['earliest'] ) );
	}
	if ( 'date' === $control && null !== $field['latest'] && $value > $field['latest'] ) {
		return $error( 'tooLate', array( 'day' => $field['latest'] ) );
	}
	return array( null, $value );
}

/**
 * A limit as the language writes it: "2,5" where the catalogue uses a decimal comma.
 *
 * @param string    $lang  Language.
 * @param int|float $limit The limit.
 * @return string
 */
function keen_lead_form_limit_text( $lang, $limit ) {
	$text = keen_lead_form_js_string( $limit );
	return 'yes' === keen_lead_form_text( $lang, 'decimalComma' ) ? str_replace( '.', ',', $text ) : $text;
}

/**
 * An error in the widget's words (keen-lead-form.ts errorText).
 *
 * @param array $model The form.
 * @param array $field The field.
 * @param array $error code, limit, day.
 * @return string
 */
function keen_lead_form_error_text( $model, $field, $error ) {
	$code = $error['code'];
	if ( 'pattern' === $code && null !== $field['patternMessage'] ) {
		return $field['patternMessage'];
	}
	if ( 'required' === $code && in_array( $field['control'], array( 'radio', 'checkboxes' ), true ) ) {
		$code = 'radio' === $field['control'] ? 'requiredChoice' : 'requiredChoices';
	}
	return keen_lead_form_text(
		$model['lang'],
		$code,
		$model['messages'],
		array(
			'limit' => isset( $error['limit'] ) ? keen_lead_form_limit_text( $model['lang'], $error['limit'] ) : '',
			'date'  => isset( $error['day'] ) ? keen_lead_form_format_day( $model['lang'], $error['day'] ) : '',
		)
	);
}

/**
 * One consent line (consent-record.ts consentLine): the exact words, link, version and time.
 *
 * @param array $consent From keen_lead_form_consent_model().
 * @return string
 */
function keen_lead_form_consent_line( $consent ) {
	$details = array();
	if ( null !== $consent['link'] ) {
		$details[] = $consent['link'];
	}
	if ( null !== $consent['version'] ) {
		$details[] = 'version ' . $consent['version'];
	}
	$heading = 'marketing' === $consent['kind'] ? 'Marketing consent' : 'Consent';
	$said    = $heading . ': "' . trim( (string) preg_replace( '/\s+/u', ' ', $consent['text'] ) ) . '"';
	$now     = microtime( true );
	$at      = gmdate( 'Y-m-d\TH:i:s', (int) $now ) . sprintf( '.%03dZ', (int) ( ( $now - floor( $now ) ) * 1000 ) );
	return $said . ( $details ? ' (' . implode( ', ', $details ) . ')' : '' ) . ' at ' . $at;
}

/**
 * The lead for Keen from a form post, or every problem.
 *
 * @param array $model  The form.
 * @param array $values Values by field id, as the widget holds them.
 * @param array $shown  What was posted, by name (the consent boxes' "yes").
 * @return array{0: array|null, 1: array<string, string>} [lead (no action, no channel) or null, errors by field id or consent name]
 */
function keen_lead_form_lead_from_form( $model, $values, $shown ) {
	$hidden = keen_lead_form_fields_hidden_by_rules( $model['fields'], $values );
	$errors = array();
	$data   = array();
	foreach ( $model['fields'] as $id => $field ) {
		if ( isset( $hidden[ $id ] ) ) {
			// Not shown, so not checked and not sent: what the widget does with a field a rule hides.
			continue;
		}
		list( $error, $value ) = keen_lead_form_check_field( $field, $values[ $id ] ?? $field['default'] );
		if ( null !== $error ) {
			$errors[ $id ] = keen_lead_form_error_text( $model, $field, $error );
		} elseif ( null !== $value ) {
			$data[ $id ] = $value;
		}
	}
	$given = array();
	foreach ( array( $model['consent'], $model['marketing'] ) as $consent ) {
		if ( null === $consent ) {
			continue;
		}
		if ( 'yes' === ( $shown[ $consent['name'] ] ?? '' ) ) {
			$given[] = $consent;
		} elseif ( $consent['required'] ) {
			$errors[ $consent['name'] ] = keen_lead_form_text( $model['lang'], 'mustAccept', $model['messages'] );
		}
	}
	if ( $errors ) {
		return array( null, $errors );
	}

	$lead       = array();
	$properties = array();
	if ( '' !== $model['source'] ) {
		$lead['source'] = $model['source'];
	}
	foreach ( $model['fields'] as $id => $field ) {
		if ( ! array_key_exists( $id, $data ) ) {
			continue;
		}
		if ( null !== $field['standard'] ) {
			$lead[ $field['standard'] ] = keen_lead_form_js_string( $data[ $id ] );
		} else {
			$properties[] = array(
				'property_definitions_id' => $field['property'],
				'value'                   => $data[ $id ],
			);
		}
	}
	$notes = array();
	foreach ( $given as $consent ) {
		if ( null === $consent['property'] ) {
			$notes[] = keen_lead_form_consent_line( $consent );
		} else {
			$properties[] = array(
				'property_definitions_id' => $consent['property'],
				'value'                   => keen_lead_form_consent_line( $consent ),
			);
		}
	}
	if ( $notes ) {
		$block         = implode( "\n", $notes );
		$lead['notes'] = isset( $lead['notes'] ) ? $lead['notes'] . "\n\n" . $block : $block;
	}
	// Keen's documented order, as the widget's payload has it.
	$ordered = array();
	foreach ( KEEN_LEAD_FORM_LEAD_FIELDS as $name ) {
		if ( isset( $lead[ $name ] ) ) {
			$ordered[ $name ] = $lead[ $name ];
		}
	}
	if ( $properties ) {
		$ordered['properties'] = $properties;
	}
	return array( $ordered, array() );
}

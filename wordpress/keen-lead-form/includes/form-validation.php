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
	return 1 === preg_match( '/^(\d{4})-(\d{2})-(\d{2})$/', $text, $parts ) && checkdate( (int) $parts[2], (int) $parts[3], (int) $parts[1] );
}

/** @param string $text @return bool An absolute http(s) address whose host has a dot (or is localhost). */
function keen_lead_form_is_web_address( $text ) {
	if ( 1 === preg_match( '/\s/u', $text ) ) {
		return false;
	}
	$parts = wp_parse_url( $text );
	if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) || ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
		return false;
	}
	return 1 === preg_match( '/\.[^.]|^localhost$/', strtolower( $parts['host'] ) );
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
		$value = trim( $value );
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
		// Anchored like the HTML attribute. A pattern PCRE cannot compile is not held against the visitor.
		$matched = @preg_match( '/^(?:' . str_replace( '/', '\/', $field['pattern'] ) . ')$/u', $value ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a JavaScript pattern PCRE may not read.
		if ( 0 === $matched ) {
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
			'date'  => $error['day'] ?? '',
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

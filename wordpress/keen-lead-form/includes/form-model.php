<?php
/**
 * The form's configuration as PHP data, by the element's own rules
 * (src/schema/fields.ts, form-config.ts' resolveFields, src/forms/show-if.ts
 * and form-layout.ts): what each field is, its label in the form's language,
 * its limits, and the steps, blocks and show-if rules around it. The HTML-first
 * markup (html-form.php) is drawn from it and the relay's form posts
 * (form-posts.php) are checked against it, so both follow one reading of the
 * configuration.
 *
 * A configuration is an array decoded from JSON (`keen_form`, the shortcode's
 * enclosed JSON, imported fields). What the element would refuse is refused
 * here too, as a list of problems for the site owner; the checks are the ones
 * that decide what a visitor sees and sends, not every check of the element's
 * schema.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** The standard fields' browser hints and limits (src/schema/fields.ts STANDARD_FIELDS). */
const KEEN_LEAD_FORM_STANDARD_FIELDS = array(
	'first_name'   => array( 'text', 'given-name', '', 100, 'half' ),
	'last_name'    => array( 'text', 'family-name', '', 100, 'half' ),
	'email'        => array( 'email', 'email', 'email', 254 ),
	'phone'        => array( 'tel', 'tel', 'tel', 40 ),
	'company_name' => array( 'text', 'organization', '', 200 ),
	'notes'        => array( 'textarea', 'off', '', 5000 ),
	'business_id'  => array( 'text', 'off', '', 100 ),
	'employee'     => array( 'text', 'off', '', 200 ),
	'source'       => array( 'text', 'off', '', 200 ),
);
const KEEN_LEAD_FORM_DEFAULT_FIELDS   = array( 'first_name', 'last_name', 'email', 'phone', 'company_name', 'notes' );
const KEEN_LEAD_FORM_PROPERTY_TYPES   = array( 'text', 'number', 'select', 'checkbox', 'textarea', 'radio', 'checkboxes', 'date', 'url' );
const KEEN_LEAD_FORM_PROPERTY_MAXLEN  = array(
	'text'     => 1000,
	'textarea' => 5000,
	'url'      => 2000,
);
const KEEN_LEAD_FORM_SHOW_IF_COMPARISONS = array( 'equals', 'notEquals', 'oneOf', 'filled', 'greaterThan', 'lessThan' );

/** @param mixed $value @return bool A JSON array (a list), not an object. */
function keen_lead_form_is_list( $value ) {
	return is_array( $value ) && ( array() === $value || array_keys( $value ) === range( 0, count( $value ) - 1 ) );
}

/**
 * A value as JavaScript's String() writes it: `true`, `42`, `3.5`.
 *
 * @param mixed $value Scalar.
 * @return string
 */
function keen_lead_form_js_string( $value ) {
	if ( is_bool( $value ) ) {
		return $value ? 'true' : 'false';
	}
	if ( is_float( $value ) && floor( $value ) === $value && abs( $value ) < 1e15 ) {
		return (string) (int) $value;
	}
	return (string) $value;
}

/** `"A, B"` → `["A", "B"]` (form-config.ts splitChoiceList). @param string $text @return string[] */
function keen_lead_form_split_choices( $text ) {
	return array_values(
		array_filter(
			array_map( 'trim', explode( ',', $text ) ),
			static function ( $choice ) {
				return '' !== $choice;
			}
		)
	);
}

/**
 * One `fields` entry as a resolved field (form-config.ts resolveOne).
 *
 * @param string|array $input    A standard name or a field configuration.
 * @param string[]     $required The `required` names.
 * @param string       $lang     The form's language.
 * @param array        $messages The configuration's `messages`.
 * @return array The field.
 */
function keen_lead_form_resolve_field( $input, $required, $lang, $messages ) {
	$config      = is_string( $input ) ? array( 'name' => $input ) : $input;
	$is_standard = isset( $config['name'] );
	if ( $is_standard ) {
		list( $control, $autocomplete, $input_mode, $max_length ) = KEEN_LEAD_FORM_STANDARD_FIELDS[ $config['name'] ];
		$width = KEEN_LEAD_FORM_STANDARD_FIELDS[ $config['name'] ][4] ?? 'full';
		$id = $config['name'];
		if ( isset( $config['multiline'] ) && is_bool( $config['multiline'] ) && in_array( $control, array( 'text', 'textarea' ), true ) ) {
			$control = $config['multiline'] ? 'textarea' : 'text';
		}
	} else {
		$control      = $config['type'];
		$id           = 'property:' . $config['property'];
		$autocomplete = 'url' === $control ? 'url' : 'off';
		$input_mode   = 'number' === $control ? 'decimal' : '';
		$max_length   = KEEN_LEAD_FORM_PROPERTY_MAXLEN[ $control ] ?? null;
		$width        = 'full';
	}
	$default = null;
	if ( isset( $config['value'] ) && is_scalar( $config['value'] ) ) {
		$value = $config['value'];
		if ( 'checkbox' === $control ) {
			$default = true === $value || 'true' === $value;
		} elseif ( 'checkboxes' === $control ) {
			$default = wp_json_encode( keen_lead_form_split_choices( keen_lead_form_js_string( $value ) ) );
		} else {
			$default = keen_lead_form_js_string( $value );
		}
	}
	$options = null;
	if ( ! $is_standard && isset( $config['options'] ) && is_array( $config['options'] ) ) {
		$options = array();
		foreach ( $config['options'] as $option ) {
			if ( is_string( $option ) ) {
				$options[] = array(
					'value' => $option,
					'label' => $option,
				);
			} elseif ( is_array( $option ) && isset( $option['value'], $option['label'] ) && is_string( $option['value'] ) && is_string( $option['label'] ) ) {
				$options[] = array(
					'value' => $option['value'],
					'label' => $option['label'],
				);
			}
		}
	}
	$label = isset( $config['label'] ) && is_string( $config['label'] ) ? $config['label'] : null;
	$text  = static function ( $key ) use ( $config ) {
		return isset( $config[ $key ] ) && is_string( $config[ $key ] ) ? $config[ $key ] : null;
	};
	$int   = static function ( $key ) use ( $config ) {
		return isset( $config[ $key ] ) && ( is_int( $config[ $key ] ) || is_float( $config[ $key ] ) ) ? $config[ $key ] : null;
	};
	return array(
		'id'             => $id,
		'standard'       => $is_standard ? $config['name'] : null,
		'property'       => $is_standard ? null : $config['property'],
		'control'        => $control,
		// The element's label: the configured one, else a standard field's localised name (a property's id as the last resort).
		'label'          => null !== $label ? $label : ( $is_standard ? keen_lead_form_text( $lang, $config['name'], $messages ) : $config['property'] ),
		'width'          => in_array( $config['width'] ?? null, array( 'full', 'half' ), true ) ? $config['width'] : $width,
		'placeholder'    => $text( 'placeholder' ),
		'help'           => $text( 'help' ),
		'required'       => isset( $config['required'] ) && is_bool( $config['required'] ) ? $config['required'] : in_array( $id, $required, true ) || ( ! $is_standard && in_array( $config['property'], $required, true ) ),
		'hidden'         => true === ( $config['hidden'] ?? false ),
		'default'        => $default,
		'minLength'      => $int( 'minLength' ),
		'maxLength'      => null !== $int( 'maxLength' ) ? $int( 'maxLength' ) : $max_length,
		'min'            => $int( 'min' ),
		'max'            => $int( 'max' ),
		'earliest'       => $text( 'min' ),
		'latest'         => $text( 'max' ),
		'choicesFormat'  => 'checkboxes' === $control ? ( $is_standard ? null : ( 'json' === ( $config['valueFormat'] ?? '' ) ? 'json' : 'list' ) ) : null,
		'showIf'         => isset( $config['showIf'] ) && is_array( $config['showIf'] ) ? $config['showIf'] : null,
		'pattern'        => $text( 'pattern' ),
		'patternMessage' => $text( 'patternMessage' ),
		'autocomplete'   => null !== $text( 'autocomplete' ) ? $text( 'autocomplete' ) : $autocomplete,
		'inputMode'      => '' === $input_mode ? null : $input_mode,
		'options'        => $options,
	);
}

/**
 * What is wrong with one `fields` entry's shape, or ''.
 *
 * @param mixed  $entry The entry.
 * @param string $path  e.g. "fields[2]".
 * @return string
 */
function keen_lead_form_entry_problem( $entry, $path ) {
	if ( is_string( $entry ) ) {
		return isset( KEEN_LEAD_FORM_STANDARD_FIELDS[ $entry ] ) ? '' : $path . ': unknown field "' . $entry . '"';
	}
	if ( ! is_array( $entry ) || keen_lead_form_is_list( $entry ) ) {
		return $path . ': expected a field name or an object';
	}
	if ( isset( $entry['step'] ) ) {
		return is_string( $entry['step'] ) ? '' : $path . '.step: expected a text';
	}
	if ( isset( $entry['block'] ) ) {
		return in_array( $entry['block'], array( 'heading', 'text' ), true ) && isset( $entry['text'] ) && is_string( $entry['text'] ) ? '' : $path . ': a block needs "block" (heading or text) and "text"';
	}
	if ( isset( $entry['name'] ) ) {
		return is_string( $entry['name'] ) && isset( KEEN_LEAD_FORM_STANDARD_FIELDS[ $entry['name'] ] ) ? '' : $path . '.name: unknown field';
	}
	if ( isset( $entry['property'] ) ) {
		if ( ! is_string( $entry['property'] ) || '' === trim( $entry['property'] ) ) {
			return $path . '.property: expected a property id';
		}
		return in_array( $entry['type'] ?? null, KEEN_LEAD_FORM_PROPERTY_TYPES, true ) ? '' : $path . '.type: expected one of ' . implode( ', ', KEEN_LEAD_FORM_PROPERTY_TYPES );
	}
	return $path . ': expected a field name, { "name": … }, { "property": …, "type": … }, { "block": …, "text": … } or { "step": … }';
}

/**
 * The whole form: fields, steps with their items, consent boxes and the
 * settings the relay needs, or the problems that stop it.
 *
 * @param array  $config The configuration (`keen_form` without v/lang, or the merged shortcode configuration):
 *                       fields, required, consent, marketingConsent, messages, source, redirect, successMessage.
 * @param string $lang   The form's language (keen_lead_form_resolve_lang()).
 * @return array{ok: bool, problems: string[], model: array|null}
 */
function keen_lead_form_form_model( $config, $lang ) {
	$problems = array();
	$messages = isset( $config['messages'] ) && is_array( $config['messages'] ) ? $config['messages'] : array();
	$entries  = $config['fields'] ?? KEEN_LEAD_FORM_DEFAULT_FIELDS;
	if ( ! keen_lead_form_is_list( $entries ) ) {
		return array(
			'ok'       => false,
			'problems' => array( 'fields: expected a list' ),
			'model'    => null,
		);
	}
	$required = $config['required'] ?? array( 'email' );
	$required = keen_lead_form_is_list( $required ) ? array_values( array_filter( $required, 'is_string' ) ) : array();
	foreach ( $entries as $index => $entry ) {
		$problem = keen_lead_form_entry_problem( $entry, 'fields[' . $index . ']' );
		if ( '' !== $problem ) {
			$problems[] = $problem;
		}
	}
	if ( $problems ) {
		return array(
			'ok'       => false,
			'problems' => $problems,
			'model'    => null,
		);
	}

	$fields = array();
	$steps  = array();
	$seen   = array();
	foreach ( $entries as $index => $entry ) {
		if ( is_array( $entry ) && isset( $entry['step'] ) ) {
			$steps[] = array(
				'title' => $entry['step'],
				'items' => array(),
			);
			continue;
		}
		if ( ! $steps ) {
			$steps[] = array(
				'title' => null,
				'items' => array(),
			);
		}
		if ( is_array( $entry ) && isset( $entry['block'] ) ) {
			$item = array(
				'block' => array(
					'kind'   => $entry['block'],
					'text'   => $entry['text'],
					'showIf' => isset( $entry['showIf'] ) && is_array( $entry['showIf'] ) ? $entry['showIf'] : null,
				),
			);
		} else {
			$field = keen_lead_form_resolve_field( $entry, $required, $lang, $messages );
			$name  = null !== $field['standard'] ? $field['standard'] : 'property ' . $field['property'];
			if ( isset( $seen[ $field['id'] ] ) ) {
				$problems[] = 'fields: ' . $name . ' appears twice';
			}
			$seen[ $field['id'] ] = true;
			if ( in_array( $field['control'], array( 'select', 'radio', 'checkboxes' ), true ) && empty( $field['options'] ) ) {
				$problems[] = 'fields: ' . $name . ' has no options';
			}
			if ( null === $field['standard'] && ! $field['hidden'] && '' === trim( (string) ( $entry['label'] ?? '' ) ) ) {
				$problems[] = 'fields: ' . $name . ' needs a "label"';
			}
			$fields[ $field['id'] ] = $field;
			$item                   = array( 'field' => $field['id'] );
		}
		$steps[ count( $steps ) - 1 ]['items'][] = $item;
	}
	foreach ( $required as $name ) {
		if ( ! isset( $seen[ $name ] ) && ! isset( $seen[ 'property:' . $name ] ) ) {
			$problems[] = 'required: "' . $name . '" is not one of the fields';
		}
	}
	$lookup = keen_lead_form_field_lookup( $fields );
	foreach ( $steps as $step ) {
		foreach ( $step['items'] as $item ) {
			$rule = isset( $item['field'] ) ? $fields[ $item['field'] ]['showIf'] : $item['block']['showIf'];
			if ( null !== $rule && ! keen_lead_form_show_if_names_fields( $rule, $lookup ) ) {
				$problems[] = 'fields: a show-if rule names a field that is not in this form';
			}
		}
	}

	$consent   = keen_lead_form_consent_model( $config['consent'] ?? null, $lang, $messages, false );
	$marketing = keen_lead_form_consent_model( $config['marketingConsent'] ?? null, $lang, $messages, true );
	return array(
		'ok'       => ! $problems,
		'problems' => $problems,
		'model'    => $problems ? null : array(
			'lang'           => $lang,
			'fields'         => $fields,
			'steps'          => $steps,
			'stepped'        => null !== $steps[0]['title'] || count( $steps ) > 1,
			'consent'        => $consent,
			'marketing'      => $marketing,
			'messages'       => $messages,
			'source'         => isset( $config['source'] ) && is_string( $config['source'] ) ? $config['source'] : 'Website',
			'redirect'       => isset( $config['redirect'] ) && is_string( $config['redirect'] ) ? $config['redirect'] : '',
			'successMessage' => isset( $config['successMessage'] ) && is_string( $config['successMessage'] ) ? $config['successMessage'] : '',
		),
	);
}

/**
 * A consent box as drawn and recorded, or null when the form has none.
 *
 * @param mixed  $config    The `consent` / `marketingConsent` object.
 * @param string $lang      Language.
 * @param array  $messages  Overrides.
 * @param bool   $marketing The optional marketing box (else the required consent).
 * @return array|null
 */
function keen_lead_form_consent_model( $config, $lang, $messages, $marketing ) {
	if ( ! is_array( $config ) ) {
		return null;
	}
	$string = static function ( $key ) use ( $config ) {
		return isset( $config[ $key ] ) && is_string( $config[ $key ] ) && '' !== trim( $config[ $key ] ) ? $config[ $key ] : null;
	};
	$default_text = null === $string( 'text' );
	return array(
		'kind'     => $marketing ? 'marketing' : 'privacy',
		'name'     => $marketing ? 'keen_marketing_consent' : 'keen_consent',
		'required' => ! $marketing,
		'text'     => $default_text ? keen_lead_form_text( $lang, $marketing ? 'marketingConsentText' : 'consentText', $messages ) : $string( 'text' ),
		'link'     => $marketing ? null : $string( 'link' ),
		// The default wording's link text is the localised "privacy policy"; own wording names its own.
		'linkText' => $marketing ? '' : ( null !== $string( 'linkText' ) ? $string( 'linkText' ) : keen_lead_form_text( $lang, 'consentLinkText', $messages ) ),
		'version'  => $marketing ? null : $string( 'version' ),
		'property' => $string( 'property' ),
	);
}

/**
 * @param array $fields Fields by id.
 * @return callable(string): (array|null) Finds a field by a rule's name: a standard name or a property id.
 */
function keen_lead_form_field_lookup( $fields ) {
	return static function ( $id ) use ( $fields ) {
		return $fields[ $id ] ?? $fields[ 'property:' . $id ] ?? null;
	};
}

/** @param mixed $rule @param callable $lookup @return bool Whether every field the rule names exists. */
function keen_lead_form_show_if_names_fields( $rule, $lookup ) {
	if ( ! is_array( $rule ) ) {
		return false;
	}
	foreach ( array( 'all', 'any' ) as $group ) {
		if ( isset( $rule[ $group ] ) ) {
			if ( ! keen_lead_form_is_list( $rule[ $group ] ) || ! $rule[ $group ] ) {
				return false;
			}
			foreach ( $rule[ $group ] as $inner ) {
				if ( ! keen_lead_form_show_if_names_fields( $inner, $lookup ) ) {
					return false;
				}
			}
			return true;
		}
	}
	return isset( $rule['field'] ) && is_string( $rule['field'] ) && null !== $lookup( $rule['field'] );
}

/** A checkbox group's value (a JSON array of option values) as a list, or null. @param mixed $value @return string[]|null */
function keen_lead_form_read_choices( $value ) {
	if ( ! is_string( $value ) ) {
		return null;
	}
	$choices = json_decode( $value, true );
	if ( ! keen_lead_form_is_list( $choices ) ) {
		return null;
	}
	foreach ( $choices as $choice ) {
		if ( ! is_string( $choice ) ) {
			return null;
		}
	}
	return $choices;
}

/** `42`, `-3.5`, `3,5` as a number (validate-lead-form.ts parseDecimal). @param string $text @return float|null */
function keen_lead_form_parse_decimal( $text ) {
	$trimmed = trim( $text );
	if ( 1 !== preg_match( '/^-?\d+(?:[.,]\d+)?$/', $trimmed ) ) {
		return null;
	}
	$value = (float) str_replace( ',', '.', $trimmed );
	return is_finite( $value ) ? $value : null;
}

/**
 * Whether a value matches a rule's operand (show-if.ts matches()).
 *
 * @param array                 $field   The field the rule looks at.
 * @param string|bool|null      $value   Its value.
 * @param string|int|float|bool $operand The rule's operand.
 * @return bool
 */
function keen_lead_form_show_if_matches( $field, $value, $operand ) {
	if ( 'checkboxes' === $field['control'] ) {
		return in_array( keen_lead_form_js_string( $operand ), keen_lead_form_read_choices( $value ) ?? array(), true );
	}
	if ( is_bool( $value ) || null === $value ) {
		return ( $value ?? false ) === $operand || keen_lead_form_js_string( $value ?? '' ) === keen_lead_form_js_string( $operand );
	}
	if ( is_int( $operand ) || is_float( $operand ) ) {
		$number = keen_lead_form_parse_decimal( $value );
		return null !== $number && (float) $operand === $number;
	}
	return trim( $value ) === keen_lead_form_js_string( $operand );
}

/**
 * Whether a show-if rule holds (show-if.ts conditionHolds()).
 *
 * @param array    $rule     The rule.
 * @param callable $lookup   keen_lead_form_field_lookup().
 * @param callable $value_of Gives a field's value as the rule sees it.
 * @return bool
 */
function keen_lead_form_condition_holds( $rule, $lookup, $value_of ) {
	if ( isset( $rule['all'] ) && is_array( $rule['all'] ) ) {
		foreach ( $rule['all'] as $inner ) {
			if ( ! keen_lead_form_condition_holds( $inner, $lookup, $value_of ) ) {
				return false;
			}
		}
		return true;
	}
	if ( isset( $rule['any'] ) && is_array( $rule['any'] ) ) {
		foreach ( $rule['any'] as $inner ) {
			if ( keen_lead_form_condition_holds( $inner, $lookup, $value_of ) ) {
				return true;
			}
		}
		return false;
	}
	$field = is_string( $rule['field'] ?? null ) ? $lookup( $rule['field'] ) : null;
	if ( null === $field ) {
		return false;
	}
	$value = $value_of( $field );
	if ( array_key_exists( 'filled', $rule ) ) {
		$filled = is_string( $value ) ? '' !== trim( $value ) && '[]' !== $value : true === $value;
		return $filled === $rule['filled'];
	}
	if ( array_key_exists( 'equals', $rule ) ) {
		return keen_lead_form_show_if_matches( $field, $value, $rule['equals'] );
	}
	if ( array_key_exists( 'notEquals', $rule ) ) {
		return ! keen_lead_form_show_if_matches( $field, $value, $rule['notEquals'] );
	}
	if ( array_key_exists( 'oneOf', $rule ) && is_array( $rule['oneOf'] ) ) {
		foreach ( $rule['oneOf'] as $operand ) {
			if ( keen_lead_form_show_if_matches( $field, $value, $operand ) ) {
				return true;
			}
		}
		return false;
	}
	$number = is_string( $value ) ? keen_lead_form_parse_decimal( $value ) : null;
	if ( null === $number ) {
		return false;
	}
	return array_key_exists( 'greaterThan', $rule ) ? $number > (float) $rule['greaterThan'] : $number < (float) ( $rule['lessThan'] ?? 0 );
}

/**
 * The ids of the fields a rule hides for these values (show-if.ts
 * fieldsHiddenByRules()): a field a hidden field depends on counts as empty.
 *
 * @param array $fields Fields by id.
 * @param array $values Values by field id (string, bool, or absent).
 * @return array<string, true>
 */
function keen_lead_form_fields_hidden_by_rules( $fields, $values ) {
	$lookup   = keen_lead_form_field_lookup( $fields );
	$shown    = array();
	$limit    = count( $fields );
	$is_shown = null;
	$is_shown = static function ( $field, $depth ) use ( &$is_shown, &$shown, $lookup, $values, $limit ) {
		if ( isset( $shown[ $field['id'] ] ) ) {
			return $shown[ $field['id'] ];
		}
		if ( null === $field['showIf'] ) {
			return true;
		}
		$result = $depth < $limit && keen_lead_form_condition_holds(
			$field['showIf'],
			$lookup,
			static function ( $other ) use ( &$is_shown, $depth, $values ) {
				return $is_shown( $other, $depth + 1 ) ? ( $values[ $other['id'] ] ?? $other['default'] ) : null;
			}
		);
		$shown[ $field['id'] ] = $result;
		return $result;
	};
	$hidden = array();
	foreach ( $fields as $id => $field ) {
		if ( ! $is_shown( $field, 0 ) ) {
			$hidden[ $id ] = true;
		}
	}
	return $hidden;
}

<?php
/**
 * The HTML-first form (contract E): an ordinary <form> inside
 * <keen-lead-form>, drawn from the same configuration the element gets, so
 * visitors see and can type into the form before the script arrives, and a
 * visitor whose browser never runs it can still send the form to the relay
 * (form-posts.php). The element takes over when it upgrades.
 *
 * The PHP twin of src/html/render-form-html.ts: same markup, same names,
 * labels and limits, from form-model.php's reading of the configuration.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** The honeypot's name: the widget's own, so the relay reads one field for both. */
const KEEN_LEAD_FORM_HONEYPOT_NAME = 'keen_hp_reference';

/**
 * The look before the element upgrades (src/html/pre-upgrade-style.ts,
 * generated into pre-upgrade-style.php); every selector is scoped to an
 * undefined <keen-lead-form>, so it never touches the upgraded form or the page.
 *
 * @return string CSS.
 */
function keen_lead_form_pre_upgrade_css() {
	static $css = null;
	if ( null === $css ) {
		$file   = KEEN_LEAD_FORM_DIR . 'includes/pre-upgrade-style.php';
		$loaded = is_readable( $file ) ? include $file : '';
		$css    = is_string( $loaded ) ? $loaded : '';
	}
	return $css;
}

/** `keen-html-<field id>`, every character outside [A-Za-z0-9_-] as "-". @param string $field_id @return string */
function keen_lead_form_html_id( $field_id ) {
	return 'keen-html-' . preg_replace( '/[^A-Za-z0-9_-]/', '-', $field_id );
}

/**
 * ` name="value"` pairs, escaped; true writes the bare name, false and null nothing.
 *
 * @param array<string, string|int|float|bool|null> $pairs Attributes.
 * @return string
 */
function keen_lead_form_html_attributes( $pairs ) {
	$html = '';
	foreach ( $pairs as $name => $value ) {
		if ( null === $value || false === $value ) {
			continue;
		}
		$html .= true === $value ? ' ' . $name : ' ' . $name . '="' . esc_attr( keen_lead_form_js_string( $value ) ) . '"';
	}
	return $html;
}

/** @param array|null $rule A show-if rule. @return string The data-keen-show-if attribute, or ''. */
function keen_lead_form_html_show_if( $rule ) {
	return null === $rule ? '' : keen_lead_form_html_attributes( array( 'data-keen-show-if' => wp_json_encode( $rule, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) ) );
}

/**
 * What a field shows: the posted value when the form comes back with the
 * visitor's input, else its configured default.
 *
 * @param array $field  The field.
 * @param array $values Posted values: field id → string or list of strings.
 * @return string|string[]|bool
 */
function keen_lead_form_html_value( $field, $values ) {
	if ( array_key_exists( $field['id'], $values ) ) {
		return $values[ $field['id'] ];
	}
	return null === $field['default'] ? '' : $field['default'];
}

/** @param string|string[]|bool $value @return string The value as one text. */
function keen_lead_form_html_text( $value ) {
	if ( is_array( $value ) ) {
		return (string) ( $value[0] ?? '' );
	}
	return is_bool( $value ) ? '' : (string) $value;
}

/** @param string|string[]|bool $value @return string[] A checkbox group's chosen options, however the value arrived. */
function keen_lead_form_html_choices( $value ) {
	if ( is_array( $value ) ) {
		return array_map( 'strval', $value );
	}
	if ( is_bool( $value ) || '' === $value ) {
		return array();
	}
	return keen_lead_form_read_choices( $value ) ?? keen_lead_form_split_choices( $value );
}

/** @param string|string[]|bool $value @return bool Whether a checkbox is ticked. */
function keen_lead_form_html_ticked( $value ) {
	return true === $value || in_array( $value, array( 'on', 'true', 'yes' ), true );
}

/** @param array $field @param string $id @param string|null $error @return string|null The aria-describedby ids. */
function keen_lead_form_html_described_by( $field, $id, $error ) {
	$ids = array();
	if ( null !== $field['help'] ) {
		$ids[] = $id . '-help';
	}
	if ( null !== $error ) {
		$ids[] = $id . '-error';
	}
	return $ids ? implode( ' ', $ids ) : null;
}

/** @param array $field @param string $id @param string|null $error @return string The help and error paragraphs. */
function keen_lead_form_html_help_and_error( $field, $id, $error ) {
	$html = '';
	if ( null !== $field['help'] ) {
		$html .= '<p class="keen-html-help" id="' . esc_attr( $id ) . '-help">' . esc_html( $field['help'] ) . '</p>';
	}
	if ( null !== $error ) {
		$html .= '<p class="keen-html-error" id="' . esc_attr( $id ) . '-error">' . esc_html( $error ) . '</p>';
	}
	return $html;
}

/** The required marker, as the element draws it (hidden from assistive technology: `required` says it). */
const KEEN_LEAD_FORM_REQUIRED_MARKER = '<span aria-hidden="true"> *</span>';

/**
 * One field's markup.
 *
 * @param array $field  The field.
 * @param array $model  The form.
 * @param array $values Posted values.
 * @param array $errors Field id → message.
 * @return string
 */
function keen_lead_form_html_field( $field, $model, $values, $errors ) {
	// A hidden field always carries its configured value, never one posted back.
	$value = $field['hidden'] ? ( null === $field['default'] ? '' : $field['default'] ) : keen_lead_form_html_value( $field, $values );
	if ( $field['hidden'] ) {
		if ( 'checkboxes' === $field['control'] ) {
			$html = '';
			foreach ( keen_lead_form_html_choices( $value ) as $choice ) {
				$html .= '<input' . keen_lead_form_html_attributes( array( 'type' => 'hidden', 'name' => $field['id'], 'value' => $choice ) ) . '>';
			}
			return $html;
		}
		if ( 'checkbox' === $field['control'] ) {
			return keen_lead_form_html_ticked( $value ) ? '<input' . keen_lead_form_html_attributes( array( 'type' => 'hidden', 'name' => $field['id'], 'value' => 'on' ) ) . '>' : '';
		}
		return '<input' . keen_lead_form_html_attributes( array( 'type' => 'hidden', 'name' => $field['id'], 'value' => keen_lead_form_html_text( $value ) ) ) . '>';
	}
	$id       = keen_lead_form_html_id( $field['id'] );
	$error    = $errors[ $field['id'] ] ?? null;
	$invalid  = null === $error ? null : 'true';
	$marker   = $field['required'] ? KEEN_LEAD_FORM_REQUIRED_MARKER : '';
	$show_if  = keen_lead_form_html_show_if( $field['showIf'] );
	$control  = $field['control'];
	$describe = keen_lead_form_html_described_by( $field, $id, $error );

	if ( 'radio' === $control || 'checkboxes' === $control ) {
		$is_radio = 'radio' === $control;
		$chosen   = $is_radio ? array( keen_lead_form_html_text( $value ) ) : keen_lead_form_html_choices( $value );
		$options  = '';
		foreach ( $field['options'] as $option ) {
			$options .= '<label><input' . keen_lead_form_html_attributes(
				array(
					'type'         => $is_radio ? 'radio' : 'checkbox',
					'name'         => $field['id'],
					'value'        => $option['value'],
					'required'     => $is_radio && $field['required'],
					'aria-invalid' => $invalid,
					'checked'      => in_array( $option['value'], $chosen, true ),
				)
			) . '> ' . esc_html( $option['label'] ) . '</label>';
		}
		$fieldset = keen_lead_form_html_attributes(
			array(
				'class'            => 'keen-html-field keen-html-' . $field['width'] . ' keen-html-group',
				'data-field-id'    => $field['id'],
				'id'               => $id,
				'aria-describedby' => $describe,
			)
		);
		return '<fieldset' . $fieldset . $show_if . '><legend>' . esc_html( $field['label'] ) . $marker . '</legend>' . $options . keen_lead_form_html_help_and_error( $field, $id, $error ) . '</fieldset>';
	}

	$common = array(
		'id'   => $id,
		'name' => $field['id'],
	);
	if ( 'textarea' === $control ) {
		$text   = keen_lead_form_html_text( $value );
		$widget = '<textarea' . keen_lead_form_html_attributes(
			$common + array(
				'autocomplete'     => $field['autocomplete'],
				'minlength'        => $field['minLength'],
				'maxlength'        => $field['maxLength'],
				'placeholder'      => $field['placeholder'],
				'required'         => $field['required'],
				'aria-invalid'     => $invalid,
				'aria-describedby' => $describe,
			)
			// The parser drops one newline right after <textarea>: write one when the value starts with its own.
		) . '>' . ( 0 === strpos( $text, "\n" ) ? "\n" : '' ) . esc_textarea( $text ) . '</textarea>';
	} elseif ( 'select' === $control ) {
		$text    = keen_lead_form_html_text( $value );
		$options = '<option' . keen_lead_form_html_attributes(
			array(
				'value'    => '',
				'selected' => '' === $text,
			)
		) . '>' . esc_html( keen_lead_form_text( $model['lang'], 'choose', $model['messages'] ) ) . '</option>';
		foreach ( $field['options'] as $option ) {
			$options .= '<option' . keen_lead_form_html_attributes(
				array(
					'value'    => $option['value'],
					'selected' => $option['value'] === $text,
				)
			) . '>' . esc_html( $option['label'] ) . '</option>';
		}
		$widget = '<select' . keen_lead_form_html_attributes(
			$common + array(
				'autocomplete'     => $field['autocomplete'],
				'required'         => $field['required'],
				'aria-invalid'     => $invalid,
				'aria-describedby' => $describe,
			)
		) . '>' . $options . '</select>';
	} elseif ( 'checkbox' === $control ) {
		$widget = '<input' . keen_lead_form_html_attributes(
			$common + array(
				'required'         => $field['required'],
				'aria-invalid'     => $invalid,
				'aria-describedby' => $describe,
				'type'             => 'checkbox',
				'value'            => 'on',
				'checked'          => keen_lead_form_html_ticked( $value ),
			)
		) . '>';
	} else {
		$text   = keen_lead_form_html_text( $value );
		$widget = '<input' . keen_lead_form_html_attributes(
			$common + array(
				// As the element: a number and an email are typed as text with their keyboards
				// (type="number" refuses "3,5", type="email" turns æøå into punycode).
				'type'             => 'number' === $control || 'email' === $control ? 'text' : $control,
				'min'              => $field['earliest'],
				'max'              => $field['latest'],
				'inputmode'        => $field['inputMode'],
				'autocomplete'     => $field['autocomplete'],
				'minlength'        => $field['minLength'],
				'maxlength'        => $field['maxLength'],
				'placeholder'      => $field['placeholder'],
				'value'            => '' === $text ? null : $text,
				'required'         => $field['required'],
				'aria-invalid'     => $invalid,
				'aria-describedby' => $describe,
			)
		) . '>';
	}
	$label   = '<label for="' . esc_attr( $id ) . '">' . esc_html( $field['label'] ) . $marker . '</label>';
	$is_box  = 'checkbox' === $control;
	$wrapper = keen_lead_form_html_attributes(
		array(
			'class'         => 'keen-html-field keen-html-' . $field['width'] . ( $is_box ? ' keen-html-checkbox' : '' ),
			'data-field-id' => $field['id'],
		)
	);
	return '<div' . $wrapper . $show_if . '>' . ( $is_box ? $widget . ' ' . $label : $label . $widget ) . keen_lead_form_html_help_and_error( $field, $id, $error ) . '</div>';
}

/**
 * A consent box: the text, its link where the link text appears in it (after
 * it otherwise), as the element draws it.
 *
 * @param array $consent From keen_lead_form_consent_model().
 * @param array $values  Posted values.
 * @param array $errors  Errors, by the box's name.
 * @return string
 */
function keen_lead_form_html_consent( $consent, $values, $errors ) {
	$id    = keen_lead_form_html_id( $consent['name'] );
	$error = $errors[ $consent['name'] ] ?? null;
	$text  = $consent['text'];
	$link  = $consent['link'];
	$at    = null === $link || '' === $consent['linkText'] ? false : strpos( $text, $consent['linkText'] );
	$words = esc_html( $text );
	$after = '';
	if ( null !== $link ) {
		$anchor = '<a' . keen_lead_form_html_attributes(
			array(
				'href'   => esc_url_raw( $link, array( 'http', 'https' ) ),
				'target' => '_blank',
				'rel'    => 'noopener',
			)
		) . '>' . esc_html( $consent['linkText'] ) . '</a>';
		if ( false === $at ) {
			$after = '<p class="keen-html-help">' . $anchor . '</p>';
		} else {
			$words = esc_html( substr( $text, 0, $at ) ) . $anchor . esc_html( substr( $text, $at + strlen( $consent['linkText'] ) ) );
		}
	}
	$input = keen_lead_form_html_attributes(
		array(
			'type'             => 'checkbox',
			'id'               => $id,
			'name'             => $consent['name'],
			'value'            => 'yes',
			'required'         => $consent['required'],
			'checked'          => 'yes' === ( $values[ $consent['name'] ] ?? null ),
			'aria-invalid'     => null === $error ? null : 'true',
			'aria-describedby' => null === $error ? null : $id . '-error',
		)
	);
	$error_html = null === $error ? '' : '<p class="keen-html-error" id="' . esc_attr( $id ) . '-error">' . esc_html( $error ) . '</p>';
	return '<div class="keen-html-field keen-html-consent" data-field-id="' . esc_attr( $consent['name'] ) . '"><input' . $input . '> <label for="' . esc_attr( $id ) . '">' . $words . ( $consent['required'] ? KEEN_LEAD_FORM_REQUIRED_MARKER : '' ) . '</label>' . $after . $error_html . '</div>';
}

/**
 * The <form>…</form>.
 *
 * @param array  $model     From keen_lead_form_form_model().
 * @param string $keen_form The `keen_form` JSON.
 * @param string $action    The relay's URL; '' in direct mode (no no-script delivery: the noscript note instead).
 * @param array  $values    Posted values to show again.
 * @param array  $errors    Field id (or consent name) → message.
 * @return string
 */
function keen_lead_form_html_form_body( $model, $keen_form, $action, $values = array(), $errors = array() ) {
	$lang     = $model['lang'];
	$messages = $model['messages'];
	$parts    = array(
		'<style>' . keen_lead_form_pre_upgrade_css() . '</style>',
		'<input type="hidden" name="keen_form" value="' . esc_attr( $keen_form ) . '">',
		'<div class="keen-html-hp" aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">'
			. '<input name="' . KEEN_LEAD_FORM_HONEYPOT_NAME . '" type="text" tabindex="-1" autocomplete="off" data-1p-ignore data-lpignore="true" data-bwignore data-form-type="other"></div>',
	);
	if ( $errors ) {
		$parts[] = '<p class="keen-html-alert" role="alert">' . esc_html( keen_lead_form_text( $lang, 'errorSummary', $messages, array( 'count' => count( $errors ) ) ) ) . '</p>';
	}
	$any_required = null !== $model['consent'];
	foreach ( $model['fields'] as $field ) {
		$any_required = $any_required || ( $field['required'] && ! $field['hidden'] );
	}
	if ( $any_required ) {
		$parts[] = '<p class="keen-html-legend">' . esc_html( keen_lead_form_text( $lang, 'requiredLegend', $messages ) ) . '</p>';
	}
	foreach ( $model['steps'] as $step ) {
		// No script means one page: every step's fields, each under its title.
		if ( $model['stepped'] && null !== $step['title'] && '' !== $step['title'] ) {
			$parts[] = '<h3 class="keen-html-step">' . esc_html( $step['title'] ) . '</h3>';
		}
		foreach ( $step['items'] as $item ) {
			if ( isset( $item['block'] ) ) {
				$tag     = 'heading' === $item['block']['kind'] ? 'h4' : 'p';
				$parts[] = '<' . $tag . ' class="keen-html-block"' . keen_lead_form_html_show_if( $item['block']['showIf'] ) . '>' . esc_html( $item['block']['text'] ) . '</' . $tag . '>';
			} else {
				$parts[] = keen_lead_form_html_field( $model['fields'][ $item['field'] ], $model, $values, $errors );
			}
		}
	}
	foreach ( array( $model['consent'], $model['marketing'] ) as $consent ) {
		if ( null !== $consent ) {
			$parts[] = keen_lead_form_html_consent( $consent, $values, $errors );
		}
	}
	if ( '' === $action ) {
		$parts[] = '<noscript><p class="keen-html-noscript">' . esc_html( keen_lead_form_text( $lang, 'noscript', $messages ) ) . '</p></noscript>';
	}
	$parts[] = '<button type="submit" class="keen-html-submit">' . esc_html( keen_lead_form_text( $lang, 'submit', $messages ) ) . '</button>';
	$form    = keen_lead_form_html_attributes(
		array(
			'class'          => 'keen-html',
			'method'         => '' === $action ? null : 'post',
			'action'         => '' === $action ? null : $action,
			'accept-charset' => 'UTF-8',
			'lang'           => $lang,
		)
	);
	return '<form' . $form . ">\n" . implode( "\n", $parts ) . "\n</form>";
}

/**
 * `keen_form`: the configuration the form was drawn from, for the element
 * (when it has no JSON child) and for the relay (its rules for a form post).
 *
 * @param array  $config The configuration as the element gets it, attributes resolved in (fields, required, consent, …).
 * @param string $lang   The form's language.
 * @return string JSON; "<", ">", "&" and quotes as \u escapes.
 */
function keen_lead_form_keen_form_json( $config, $lang ) {
	$carried = array(
		'v'    => 1,
		'lang' => $lang,
	);
	// The whole configuration, but not where leads go: the relay has its own channel and endpoint.
	foreach ( $config as $key => $value ) {
		if ( 'channel' !== $key && 'endpoint' !== $key && null !== $value ) {
			// Decoded as arrays, an empty object ("consent": {} for the default wording) must stay an object.
			$carried[ $key ] = in_array( $key, array( 'consent', 'marketingConsent', 'messages', 'attributionProperties' ), true ) ? (object) $value : $value;
		}
	}
	return (string) wp_json_encode( $carried, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
}

<?php
/**
 * The markup both the shortcode and the block print: a <keen-lead-form>
 * element whose attributes come from the form, then from the settings.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/**
 * The form options an editor may set, with the element attribute each becomes.
 * The channel and endpoint are handled apart because relay mode replaces them.
 */
const KEEN_LEAD_FORM_TEXT_ATTRIBUTES = array(
	'fields'          => 'fields',
	'required'        => 'required',
	'source'          => 'source',
	'success_message' => 'success-message',
	'theme'           => 'theme',
	'lang'            => 'lang',
	// Consent (contract B): the site owner's exact wording, recorded with the lead.
	'consent'           => 'consent',
	'consent_version'   => 'consent-version',
	'marketing_consent' => 'marketing-consent',
);

/** @return string The relay's public URL. */
function keen_lead_form_relay_url() {
	return rest_url( 'keen-lead-form/v1/lead' );
}

/**
 * A redirect target the widget will follow: an absolute http(s) URL or a path
 * on this site ("/thank-you/"). Everything else is dropped: other schemes
 * (javascript:, data:), protocol-relative URLs ("//evil.example", which
 * leave the site), bare words that esc_url() would turn into "http://word",
 * and backslashes or control characters, which browsers read as slashes or
 * drop ("/\evil.example" and "/<TAB>/evil.example" both mean //evil.example).
 *
 * @param string $url Candidate URL.
 * @return string The escaped URL, or '' to leave it out.
 */
function keen_lead_form_clean_redirect( $url ) {
	$url = trim( (string) $url );
	if ( '' === $url || 1 === preg_match( '/[\x00-\x1f\x7f\\\\]/', $url ) ) {
		return '';
	}
	if ( 1 !== preg_match( '#^(?:https?://[^/?\#]|/(?![/\\\\]))#i', $url ) ) {
		return '';
	}
	$clean = esc_url_raw( $url, array( 'http', 'https' ) );
	// Checked again after escaping, which removes characters and could close up "/ /x" into "//x".
	if ( '' === $clean || 1 !== preg_match( '#^(?:https?://[^/?\#]|/(?!/))#i', $clean ) ) {
		return '';
	}
	return esc_url( $clean, array( 'http', 'https' ) );
}

/**
 * Whether the form being rendered may choose its own channel and endpoint:
 * only when the post it sits in was written by someone who may manage
 * options. An author could otherwise send the site's leads to a channel or
 * server of their own. Content outside any post (a theme's do_shortcode(),
 * widgets) is placed by administrators and keeps the choice.
 *
 * @return bool
 */
function keen_lead_form_may_choose_destination() {
	$post = get_post();
	if ( ! ( $post instanceof WP_Post ) ) {
		return true;
	}
	return user_can( (int) $post->post_author, 'manage_options' );
}

/**
 * Said in the page where a form's own channel or endpoint was ignored: an
 * HTML comment for everyone (no secret in it), a visible note for those who
 * can fix it.
 *
 * @return string
 */
function keen_lead_form_render_ignored_destination_notice() {
	$text = __( 'Keen Lead Form: the channel and endpoint set on this form were ignored because the author of this content may not manage options; the form uses the channel from the settings.', 'keen-lead-form' );
	$html = '<!-- ' . esc_html( str_replace( '--', '- -', $text ) ) . ' -->';
	if ( current_user_can( 'manage_options' ) ) {
		$html .= '<p class="keen-lead-form-notice">' . esc_html( $text ) . ' ' . esc_html__( '(Only administrators see this.)', 'keen-lead-form' ) . '</p>';
	}
	return $html;
}

/**
 * Renders the form.
 *
 * @param array  $options            channel, endpoint, fields, required, source, success_message, theme, lang, redirect,
 *                                   consent, consent_link, consent_version, marketing_consent (strings; missing = default).
 * @param string $wrapper_attributes Extra, already escaped attributes (the block's class names).
 * @param string $inner_html         Already safe HTML for inside the element (the shortcode's JSON configuration).
 * @param array|false|null $json_config That configuration decoded as arrays (null for none, false when broken), for the HTML-first form.
 * @return string HTML.
 */
function keen_lead_form_render( $options, $wrapper_attributes = '', $inner_html = '', $json_config = null ) {
	$settings = keen_lead_form_get_settings();
	$options  = array_map(
		static function ( $value ) {
			return is_scalar( $value ) ? trim( (string) $value ) : '';
		},
		(array) $options
	);

	$notice = '';
	if ( ! $settings['relay'] && ( '' !== ( $options['channel'] ?? '' ) || '' !== ( $options['endpoint'] ?? '' ) ) && ! keen_lead_form_may_choose_destination() ) {
		unset( $options['channel'], $options['endpoint'] );
		$notice = keen_lead_form_render_ignored_destination_notice();
	}

	$attributes = array();
	if ( $settings['relay'] ) {
		// The site adds the channel id server-side: never print one, even if the form names one.
		$attributes['relay']     = true;
		$attributes['endpoint']  = esc_url( keen_lead_form_relay_url() );
		$attributes['challenge'] = esc_attr( keen_lead_form_challenge_attribute() );
	} else {
		$channel = isset( $options['channel'] ) && '' !== $options['channel'] ? $options['channel'] : $settings['channel'];
		if ( ! keen_lead_form_is_valid_channel( $channel ) ) {
			return $notice . keen_lead_form_render_setup_notice();
		}
		$endpoint = isset( $options['endpoint'] ) && keen_lead_form_is_valid_endpoint( $options['endpoint'] ) ? $options['endpoint'] : $settings['endpoint'];

		$attributes['channel']  = esc_attr( $channel );
		$attributes['endpoint'] = esc_url( $endpoint, array( 'http', 'https' ) );
	}

	foreach ( KEEN_LEAD_FORM_TEXT_ATTRIBUTES as $option => $attribute ) {
		if ( isset( $options[ $option ] ) && '' !== $options[ $option ] ) {
			$attributes[ $attribute ] = esc_attr( sanitize_text_field( $options[ $option ] ) );
		}
	}
	if ( isset( $options['consent_link'] ) ) {
		// Same rule as a redirect: an http(s) URL or a path on this site.
		$consent_link = keen_lead_form_clean_redirect( $options['consent_link'] );
		if ( '' !== $consent_link ) {
			$attributes['consent-link'] = $consent_link;
		}
	}
	if ( isset( $options['redirect'] ) ) {
		$redirect = keen_lead_form_clean_redirect( $options['redirect'] );
		if ( '' !== $redirect ) {
			$attributes['redirect'] = $redirect;
		}
	}

	keen_lead_form_enqueue_script();

	$inner_html = '' !== $inner_html ? $inner_html : keen_lead_form_render_imported_fields( $options );
	$inner_html .= keen_lead_form_render_html_form( $options, $json_config, $settings['relay'] );

	$html = '<keen-lead-form';
	if ( '' !== $wrapper_attributes ) {
		$html .= ' ' . $wrapper_attributes;
	}
	foreach ( $attributes as $name => $value ) {
		// Every value was escaped above with the escaper that fits it.
		$html .= true === $value ? ' ' . $name : ' ' . $name . '="' . $value . '"';
	}
	return $notice . $html . '>' . $inner_html . '</keen-lead-form>';
}

/**
 * The configuration the element ends up with, as one array: the JSON
 * configuration (the shortcode's, else the imported fields for a form without
 * its own), with the form's attributes winning as they do on the element.
 *
 * @param array      $options     The form's options (trimmed strings).
 * @param array|null $json_config The enclosed JSON configuration, decoded as arrays, destination keys removed.
 * @return array
 */
function keen_lead_form_effective_config( $options, $json_config ) {
	$config = $json_config;
	if ( null === $config ) {
		$imported = '' === ( $options['fields'] ?? '' ) ? keen_lead_form_get_channel_fields() : null;
		$config   = null === $imported ? array() : $imported['config'];
	}
	$list = static function ( $text ) {
		return array_values( array_filter( preg_split( '/[\s,]+/', $text ) ) );
	};
	if ( '' !== ( $options['fields'] ?? '' ) ) {
		$config['fields'] = $list( sanitize_text_field( $options['fields'] ) );
	}
	if ( '' !== ( $options['required'] ?? '' ) ) {
		$config['required'] = $list( sanitize_text_field( $options['required'] ) );
	}
	foreach ( array( 'source' => 'source', 'success_message' => 'successMessage' ) as $option => $key ) {
		if ( '' !== ( $options[ $option ] ?? '' ) ) {
			$config[ $key ] = sanitize_text_field( $options[ $option ] );
		}
	}
	if ( '' !== ( $options['consent'] ?? '' ) ) {
		$consent         = is_array( $config['consent'] ?? null ) ? $config['consent'] : array();
		$consent['text'] = sanitize_text_field( $options['consent'] );
		$config['consent'] = $consent;
	}
	if ( isset( $config['consent'] ) && is_array( $config['consent'] ) ) {
		$link = keen_lead_form_clean_redirect( $options['consent_link'] ?? '' );
		if ( '' !== $link ) {
			$config['consent']['link'] = html_entity_decode( $link, ENT_QUOTES, 'UTF-8' );
		}
		if ( '' !== ( $options['consent_version'] ?? '' ) ) {
			$config['consent']['version'] = sanitize_text_field( $options['consent_version'] );
		}
	}
	if ( '' !== ( $options['marketing_consent'] ?? '' ) ) {
		$marketing           = is_array( $config['marketingConsent'] ?? null ) ? $config['marketingConsent'] : array();
		$marketing['text']   = sanitize_text_field( $options['marketing_consent'] );
		$config['marketingConsent'] = $marketing;
	}
	$redirect = keen_lead_form_clean_redirect( $options['redirect'] ?? '' );
	if ( '' !== $redirect ) {
		$config['redirect'] = html_entity_decode( $redirect, ENT_QUOTES, 'UTF-8' );
	}
	return $config;
}

/** @param array $options The form's options. @return string The form's language: its own, else the site's. */
function keen_lead_form_form_lang( $options ) {
	$lang = '' !== ( $options['lang'] ?? '' ) ? $options['lang'] : get_bloginfo( 'language' );
	return keen_lead_form_resolve_lang( $lang );
}

/**
 * The HTML-first form inside the element (contract E): visible and usable
 * before the script runs; without the script it posts to the relay, or, in
 * direct mode (Keen takes only JSON), says that it needs JavaScript. Nothing
 * when the configuration has problems: the element explains them on the page.
 *
 * @param array      $options     The form's options.
 * @param array|null $json_config The enclosed JSON configuration, as arrays.
 * @param bool       $relay       Whether the plugin relays.
 * @return string
 */
function keen_lead_form_render_html_form( $options, $json_config, $relay ) {
	if ( false === $json_config ) {
		// Not JSON: the element shows the mistake; a form drawn from anything else would mislead.
		return '';
	}
	$config = keen_lead_form_effective_config( $options, $json_config );
	$lang   = keen_lead_form_form_lang( $options );
	$result = keen_lead_form_form_model( $config, $lang );
	if ( ! $result['ok'] ) {
		return '';
	}
	return keen_lead_form_html_form_body( $result['model'], keen_lead_form_keen_form_json( $config, $lang ), $relay ? esc_url_raw( keen_lead_form_relay_url() ) : '' );
}

/**
 * The fields imported from Keen, as the element's JSON block, for a form
 * that names no fields of its own.
 *
 * @param array $options The form's options.
 * @return string A <script type="application/json">, or ''.
 */
function keen_lead_form_render_imported_fields( $options ) {
	$imported = '' === ( $options['fields'] ?? '' ) ? keen_lead_form_get_channel_fields() : null;
	if ( null === $imported ) {
		return '';
	}
	// JSON_HEX_TAG: "<" and ">" as \u003C/\u003E, so no label can end the script element.
	return '<script type="application/json">' . wp_json_encode( $imported['config'], JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES ) . '</script>';
}

/**
 * Without a channel the form cannot work: tell whoever can fix it, show
 * visitors nothing.
 *
 * @return string
 */
function keen_lead_form_render_setup_notice() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return '';
	}
	return sprintf(
		'<p class="keen-lead-form-notice"><strong>%1$s</strong> %2$s <a href="%3$s">%4$s</a></p>',
		esc_html__( 'Keen Lead Form:', 'keen-lead-form' ),
		esc_html__( 'no valid channel id. Set a default channel in the settings or give this form one. (Only administrators see this.)', 'keen-lead-form' ),
		esc_url( admin_url( 'options-general.php?page=keen-lead-form' ) ),
		esc_html__( 'Settings', 'keen-lead-form' )
	);
}

/**
 * [keen_lead_form channel="…" fields="…" required="…" source="…" success_message="…" redirect="…" endpoint="…" theme="…" lang="…"
 *   consent="…" consent_link="…" consent_version="…" marketing_consent="…"],
 * optionally enclosing a JSON configuration: [keen_lead_form]{"fields":[…]}[/keen_lead_form].
 *
 * @param array|string $atts    Shortcode attributes ('' when none).
 * @param string|null  $content Enclosed JSON configuration, if any.
 * @return string
 */
function keen_lead_form_shortcode( $atts, $content = null ) {
	$atts = shortcode_atts(
		array(
			'channel'           => '',
			'endpoint'          => '',
			'fields'            => '',
			'required'          => '',
			'source'            => '',
			'success_message'   => '',
			'redirect'          => '',
			'theme'             => '',
			'lang'              => '',
			'consent'           => '',
			'consent_link'      => '',
			'consent_version'   => '',
			'marketing_consent' => '',
		),
		$atts,
		'keen_lead_form'
	);
	return keen_lead_form_render( $atts, '', keen_lead_form_render_config_script( (string) $content ), keen_lead_form_config_array( (string) $content ) );
}
add_shortcode( 'keen_lead_form', 'keen_lead_form_shortcode' );

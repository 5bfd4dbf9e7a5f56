<?php
/**
 * The optional Keen API key. With one stored, the relay posts create_lead
 * (Keen then fires the channel's webhook and tells the sales team in-app)
 * instead of lead_external.
 *
 * A secret, so: written from the settings page, never printed back into it
 * (the field is always empty; the page only says whether a key is stored),
 * not in the REST API, not autoloaded, and kept as an array so that
 * wp-admin/options.php lists it as "SERIALIZED DATA" instead of showing it.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

const KEEN_LEAD_FORM_API_KEY_OPTION = 'keen_lead_form_api_key';

/** Printable ASCII without spaces, as API keys are; bounded. */
const KEEN_LEAD_FORM_API_KEY_PATTERN = '/^[\x21-\x7e]{8,256}$/';

/** @return string The stored key, or '' when none is stored (lead_external mode). */
function keen_lead_form_get_api_key() {
	$stored = get_option( KEEN_LEAD_FORM_API_KEY_OPTION, array() );
	$key    = is_array( $stored ) && isset( $stored['key'] ) && is_string( $stored['key'] ) ? $stored['key'] : '';
	return 1 === preg_match( KEEN_LEAD_FORM_API_KEY_PATTERN, $key ) ? $key : '';
}

/**
 * Sanitize callback. The form posts `{ replace: string, remove?: "1" }`:
 * "remove" deletes the key, a non-empty "replace" stores a new one, an empty
 * form keeps what is stored (the field never holds the stored key, so saving
 * the page for another setting must not wipe it).
 *
 * @param mixed $value Submitted value.
 * @return array{key?: string} What to store.
 */
function keen_lead_form_sanitize_api_key( $value ) {
	$stored = keen_lead_form_get_api_key();
	$keep   = '' === $stored ? array() : array( 'key' => $stored );
	if ( is_array( $value ) && isset( $value['key'] ) && ! isset( $value['replace'] ) ) {
		// Already in the stored shape: WordPress runs this callback a second time
		// when the option did not exist yet (update_option → add_option).
		$value = array( 'replace' => $value['key'] );
	}
	if ( ! is_array( $value ) ) {
		return $keep;
	}
	if ( ! empty( $value['remove'] ) ) {
		return array();
	}
	$new = isset( $value['replace'] ) && is_string( $value['replace'] ) ? trim( $value['replace'] ) : '';
	if ( '' === $new ) {
		return $keep;
	}
	if ( 1 !== preg_match( KEEN_LEAD_FORM_API_KEY_PATTERN, $new ) ) {
		add_settings_error(
			KEEN_LEAD_FORM_API_KEY_OPTION,
			'keen_lead_form_invalid_api_key',
			__( 'The API key must be 8–256 characters without spaces. The stored key was kept.', 'keen-lead-form' )
		);
		return $keep;
	}
	return array( 'key' => $new );
}

/** Registers the option and its field on Settings → Keen Lead Form. */
function keen_lead_form_register_api_key_setting() {
	register_setting(
		'keen_lead_form',
		KEEN_LEAD_FORM_API_KEY_OPTION,
		array(
			'type'              => 'object',
			'default'           => array(),
			'sanitize_callback' => 'keen_lead_form_sanitize_api_key',
			'show_in_rest'      => false,
		)
	);
	add_settings_field(
		KEEN_LEAD_FORM_API_KEY_OPTION,
		__( 'Keen API key (optional)', 'keen-lead-form' ),
		'keen_lead_form_render_api_key_field',
		'keen-lead-form',
		'keen_lead_form_main',
		array( 'label_for' => 'keen_lead_form_api_key' )
	);
}
add_action( 'admin_init', 'keen_lead_form_register_api_key_setting', 11 );

/** The field: empty password input; whether a key is stored, never the key. */
function keen_lead_form_render_api_key_field() {
	$stored = '' !== keen_lead_form_get_api_key();
	printf(
		'<input type="password" class="regular-text code" id="keen_lead_form_api_key" name="%1$s[replace]" value="" autocomplete="new-password" spellcheck="false" />',
		esc_attr( KEEN_LEAD_FORM_API_KEY_OPTION )
	);
	if ( $stored ) {
		printf(
			'<p class="keen-lead-form-api-key-status"><strong>%1$s</strong> %2$s</p><p><label><input type="checkbox" id="keen_lead_form_api_key_remove" name="%3$s[remove]" value="1" /> %4$s</label></p>',
			esc_html__( 'A key is stored.', 'keen-lead-form' ),
			esc_html__( 'It is not shown. Type a new key to replace it.', 'keen-lead-form' ),
			esc_attr( KEEN_LEAD_FORM_API_KEY_OPTION ),
			esc_html__( 'Remove the stored key', 'keen-lead-form' )
		);
	} else {
		printf( '<p class="keen-lead-form-api-key-status">%s</p>', esc_html__( 'No key is stored.', 'keen-lead-form' ) );
	}
	printf(
		'<p class="description">%s</p>',
		esc_html__( 'Used only with "Send through this site". With a key, the relay creates leads with create_lead, so Keen calls the channel\'s webhook and notifies your team in Keen; without one it uses lead_external, which needs no key and notifies nobody. The key stays on this server and is never sent to browsers.', 'keen-lead-form' )
	);
}

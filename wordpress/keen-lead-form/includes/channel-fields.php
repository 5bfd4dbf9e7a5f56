<?php
/**
 * "Import fields from Keen": with the API key stored in the settings, the
 * site asks Keen (get_channels, server-side) for the configured channel's
 * property definitions and turns them into a form configuration (shared
 * contract D: the standard fields, then every visible property in Keen's
 * order, then notes). The site keeps it as the default fields of its forms,
 * shows it as JSON to copy, and the relay serves it at ?action=fields.
 *
 * The key goes only into the request to Keen: never into the page, a notice
 * or the stored configuration.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

const KEEN_LEAD_FORM_CHANNEL_FIELDS_OPTION = 'keen_lead_form_channel_fields';
/** Keen's property types and the form control each becomes; anything else is a text input. */
const KEEN_LEAD_FORM_PROPERTY_CONTROLS = array(
	'text'    => 'text',
	'number'  => 'number',
	'select'  => 'select',
	'boolean' => 'checkbox',
	'date'    => 'date',
);

/** @return array{channel: string, title: string, imported_at: string, config: array}|null The imported fields, or null. */
function keen_lead_form_get_channel_fields() {
	$stored = get_option( KEEN_LEAD_FORM_CHANNEL_FIELDS_OPTION, null );
	if ( ! is_array( $stored ) || ! isset( $stored['config']['fields'] ) || ! is_array( $stored['config']['fields'] ) ) {
		return null;
	}
	return $stored;
}

/**
 * The configuration for one channel from get_channels (contract D).
 *
 * @param array $channel A channel from get_channels, decoded as arrays.
 * @return array{fields: array}
 */
function keen_lead_form_channel_fields_config( $channel ) {
	$definitions = isset( $channel['property_definitions'] ) && is_array( $channel['property_definitions'] ) ? $channel['property_definitions'] : array();
	$visible     = array();
	foreach ( array_values( $definitions ) as $index => $definition ) {
		if ( is_array( $definition ) && true === ( $definition['visible'] ?? false ) && isset( $definition['id'] ) && is_string( $definition['id'] ) ) {
			$visible[] = array( $index, $definition );
		}
	}
	// Keen's order; definitions with the same order keep the order Keen listed them in.
	usort(
		$visible,
		static function ( $a, $b ) {
			$by_order = (float) ( $a[1]['order'] ?? 0 ) <=> (float) ( $b[1]['order'] ?? 0 );
			return 0 !== $by_order ? $by_order : $a[0] <=> $b[0];
		}
	);
	$fields = array( 'first_name', 'last_name', 'email', 'phone', 'company_name' );
	foreach ( $visible as $entry ) {
		$definition = $entry[1];
		$type       = isset( $definition['type'] ) && is_string( $definition['type'] ) ? $definition['type'] : '';
		$control    = KEEN_LEAD_FORM_PROPERTY_CONTROLS[ $type ] ?? 'text';
		$field      = array(
			'property' => $definition['id'],
			'type'     => $control,
			'label'    => isset( $definition['name'] ) && is_scalar( $definition['name'] ) ? (string) $definition['name'] : $definition['id'],
		);
		if ( 'select' === $control ) {
			$options          = isset( $definition['options'] ) && is_array( $definition['options'] ) ? $definition['options'] : array();
			$field['options'] = array_values( array_map( 'strval', array_filter( $options, 'is_scalar' ) ) );
		}
		$fields[] = $field;
	}
	$fields[] = 'notes';
	return array( 'fields' => $fields );
}

/**
 * Asks Keen for the channel's definitions.
 *
 * @param string $endpoint Keen's API URL.
 * @param string $channel  The configured channel id.
 * @param string $api_key  The stored key.
 * @return array{0: array|null, 1: string} [ the stored record, or null; an error message for the site owner ]
 */
function keen_lead_form_fetch_channel_fields( $endpoint, $channel, $api_key ) {
	$answer = wp_safe_remote_post(
		$endpoint,
		array(
			'timeout'     => 15,
			'redirection' => 0,
			'headers'     => array(
				'Content-Type' => 'application/json; charset=utf-8',
				'Accept'       => 'application/json',
				'X-Api-Key'    => $api_key,
			),
			'body'        => wp_json_encode( array( 'action' => 'get_channels' ) ),
			'data_format' => 'body',
		)
	);
	if ( is_wp_error( $answer ) ) {
		return array( null, __( 'Keen could not be reached. Check the Keen API endpoint and that this server may connect to it, then try again.', 'keen-lead-form' ) );
	}
	$status  = (int) wp_remote_retrieve_response_code( $answer );
	$decoded = json_decode( wp_remote_retrieve_body( $answer ), true );
	if ( 401 === $status ) {
		return array( null, __( 'Keen refused the stored API key. Store a valid key and try again.', 'keen-lead-form' ) );
	}
	if ( 403 === $status ) {
		return array( null, __( 'The channel is not accessible with the stored API key (Keen answered "Channel not accessible").', 'keen-lead-form' ) );
	}
	if ( 200 !== $status || ! is_array( $decoded ) || ! isset( $decoded['channels'] ) || ! is_array( $decoded['channels'] ) ) {
		/* translators: %d: the HTTP status Keen answered with */
		return array( null, sprintf( __( 'Keen gave an unexpected answer (HTTP %d). Try again later.', 'keen-lead-form' ), $status ) );
	}
	foreach ( $decoded['channels'] as $candidate ) {
		if ( is_array( $candidate ) && isset( $candidate['id'] ) && is_string( $candidate['id'] ) && 0 === strcasecmp( $candidate['id'], $channel ) ) {
			return array(
				array(
					'channel'     => $candidate['id'],
					'title'       => isset( $candidate['title'] ) && is_string( $candidate['title'] ) ? $candidate['title'] : '',
					'imported_at' => gmdate( 'c' ),
					'config'      => keen_lead_form_channel_fields_config( $candidate ),
				),
				'',
			);
		}
	}
	return array( null, __( 'The channel is not among the channels the stored API key can access. Check the default channel id (its id, not its public uuid).', 'keen-lead-form' ) );
}

/**
 * The configuration as the JSON a site owner copies: pretty, 2 spaces.
 *
 * @param array $config The configuration.
 * @return string
 */
function keen_lead_form_channel_fields_json( $config ) {
	$json = (string) wp_json_encode( $config, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	// PHP indents by 4; contract D (and the CLI) by 2.
	return (string) preg_replace_callback(
		'/^( +)/m',
		static function ( $match ) {
			return str_repeat( ' ', (int) ( strlen( $match[1] ) / 2 ) );
		},
		$json
	);
}

/** admin-post.php?action=keen_lead_form_import_fields: import, then back to the settings page with a notice. */
function keen_lead_form_handle_import_fields() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'keen-lead-form' ), 403 );
	}
	check_admin_referer( 'keen_lead_form_import_fields' );
	$settings = keen_lead_form_get_settings();
	$api_key  = keen_lead_form_get_api_key();
	if ( '' === $api_key ) {
		keen_lead_form_import_notice( 'error', __( 'Store your Keen API key above first: importing fields needs it (Keen lists a channel\'s fields only to its companies).', 'keen-lead-form' ) );
	} elseif ( '' === $settings['channel'] ) {
		keen_lead_form_import_notice( 'error', __( 'Set the default channel id above first.', 'keen-lead-form' ) );
	} else {
		list( $record, $error ) = keen_lead_form_fetch_channel_fields( $settings['endpoint'], $settings['channel'], $api_key );
		if ( null === $record ) {
			keen_lead_form_import_notice( 'error', $error );
		} else {
			update_option( KEEN_LEAD_FORM_CHANNEL_FIELDS_OPTION, $record, false );
			keen_lead_form_import_notice(
				'success',
				/* translators: 1: number of custom fields, 2: channel title */
				sprintf( __( 'Imported %1$d custom fields from the channel "%2$s". Forms without their own fields now use them.', 'keen-lead-form' ), count( $record['config']['fields'] ) - 6, $record['title'] )
			);
		}
	}
	wp_safe_redirect( admin_url( 'options-general.php?page=keen-lead-form' ) );
	exit;
}
add_action( 'admin_post_keen_lead_form_import_fields', 'keen_lead_form_handle_import_fields' );

/** admin-post.php?action=keen_lead_form_forget_fields: forms go back to their own fields. */
function keen_lead_form_handle_forget_fields() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to do that.', 'keen-lead-form' ), 403 );
	}
	check_admin_referer( 'keen_lead_form_forget_fields' );
	delete_option( KEEN_LEAD_FORM_CHANNEL_FIELDS_OPTION );
	keen_lead_form_import_notice( 'success', __( 'The imported fields were removed. Forms use their own fields or the standard ones.', 'keen-lead-form' ) );
	wp_safe_redirect( admin_url( 'options-general.php?page=keen-lead-form' ) );
	exit;
}
add_action( 'admin_post_keen_lead_form_forget_fields', 'keen_lead_form_handle_forget_fields' );

/**
 * Keeps a notice for the current user's next view of the settings page.
 *
 * @param string $type    'success' or 'error'.
 * @param string $message Plain text.
 */
function keen_lead_form_import_notice( $type, $message ) {
	set_transient(
		'keen_lead_form_import_notice_' . get_current_user_id(),
		array(
			'type'    => $type,
			'message' => $message,
		),
		300
	);
}

/** The "Fields from Keen" panel of the settings page: notice, buttons, and the JSON to copy. */
function keen_lead_form_render_channel_fields_panel() {
	$notice_key = 'keen_lead_form_import_notice_' . get_current_user_id();
	$notice     = get_transient( $notice_key );
	if ( is_array( $notice ) && isset( $notice['type'], $notice['message'] ) ) {
		delete_transient( $notice_key );
		printf(
			'<div class="notice notice-%1$s keen-lead-form-import-notice"><p>%2$s</p></div>',
			esc_attr( 'success' === $notice['type'] ? 'success' : 'error' ),
			esc_html( (string) $notice['message'] )
		);
	}
	echo '<h2>' . esc_html__( 'Fields from Keen', 'keen-lead-form' ) . '</h2>';
	echo '<p>' . esc_html__( 'Builds the form\'s fields from the default channel\'s visible properties in Keen (names, types, select options, Keen\'s order), using the stored API key on this server. Forms without their own "fields" then show them, and the relay serves them at ?action=fields.', 'keen-lead-form' ) . '</p>';
	printf(
		'<form method="post" action="%1$s"><input type="hidden" name="action" value="keen_lead_form_import_fields" />',
		esc_url( admin_url( 'admin-post.php' ) )
	);
	wp_nonce_field( 'keen_lead_form_import_fields' );
	submit_button( __( 'Import fields from Keen', 'keen-lead-form' ), 'secondary', 'keen_lead_form_import', false );
	echo '</form>';

	$fields = keen_lead_form_get_channel_fields();
	if ( null === $fields ) {
		echo '<p>' . esc_html__( 'No fields are imported.', 'keen-lead-form' ) . '</p>';
		return;
	}
	printf(
		'<p><label for="keen_lead_form_fields_json">%1$s</label></p><textarea id="keen_lead_form_fields_json" class="large-text code" rows="12" readonly>%2$s</textarea>',
		/* translators: 1: channel title, 2: date and time (UTC) */
		esc_html( sprintf( __( 'Imported from "%1$s" on %2$s (UTC). Copy this configuration into a form\'s JSON block to change it:', 'keen-lead-form' ), $fields['title'], $fields['imported_at'] ) ),
		esc_textarea( keen_lead_form_channel_fields_json( $fields['config'] ) )
	);
	printf(
		'<form method="post" action="%1$s"><input type="hidden" name="action" value="keen_lead_form_forget_fields" />',
		esc_url( admin_url( 'admin-post.php' ) )
	);
	wp_nonce_field( 'keen_lead_form_forget_fields' );
	submit_button( __( 'Remove the imported fields', 'keen-lead-form' ), 'delete', 'keen_lead_form_forget', false );
	echo '</form>';
}

<?php
/**
 * Settings → Keen Lead Form: the default channel id, Keen's endpoint, the
 * relay switch and the trusted proxy header, stored as options through the
 * Settings API. The optional API key has its own file (api-key.php).
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** Channel ids and public uuids: letters, digits and dashes, 1–64 characters. */
const KEEN_LEAD_FORM_CHANNEL_PATTERN = '/^[A-Za-z0-9-]{1,64}$/';

/**
 * Adds the options with their defaults, so that the first save from the
 * settings page runs each sanitize callback once (update_option on a missing
 * option would run it a second time through add_option).
 */
function keen_lead_form_activate() {
	add_option( 'keen_lead_form_channel', '' );
	add_option( 'keen_lead_form_endpoint', KEEN_LEAD_FORM_DEFAULT_ENDPOINT );
	add_option( 'keen_lead_form_relay', 0 );
	add_option( 'keen_lead_form_proxy_header', '' );
	// A secret: not loaded into memory on every request.
	add_option( KEEN_LEAD_FORM_API_KEY_OPTION, array(), '', 'no' );
	add_option( 'keen_lead_form_challenge', 'altcha' );
	add_option( 'keen_lead_form_captcha_sitekey', '' );
	add_option( 'keen_lead_form_captcha_siteverify', '' );
	add_option( KEEN_LEAD_FORM_CAPTCHA_SECRET_OPTION, array(), '', 'no' );
}

/**
 * The settings in force, with defaults for anything missing or damaged.
 *
 * @return array{channel: string, endpoint: string, relay: bool, proxy_header: string}
 */
function keen_lead_form_get_settings() {
	$channel      = (string) get_option( 'keen_lead_form_channel', '' );
	$endpoint     = (string) get_option( 'keen_lead_form_endpoint', KEEN_LEAD_FORM_DEFAULT_ENDPOINT );
	$proxy_header = (string) get_option( 'keen_lead_form_proxy_header', '' );
	return array(
		'channel'      => keen_lead_form_is_valid_channel( $channel ) ? $channel : '',
		'endpoint'     => keen_lead_form_is_valid_endpoint( $endpoint ) ? $endpoint : KEEN_LEAD_FORM_DEFAULT_ENDPOINT,
		'relay'        => (bool) get_option( 'keen_lead_form_relay', 0 ),
		'proxy_header' => 1 === preg_match( KEEN_LEAD_FORM_HEADER_NAME_PATTERN, $proxy_header ) ? $proxy_header : '',
	);
}

/**
 * @param mixed $channel A candidate channel id.
 * @return bool
 */
function keen_lead_form_is_valid_channel( $channel ) {
	return is_string( $channel ) && 1 === preg_match( KEEN_LEAD_FORM_CHANNEL_PATTERN, $channel );
}

/**
 * An absolute http(s) URL with a host. Keen's API is https; plain http is
 * accepted for a local test server.
 *
 * @param mixed $url A candidate endpoint.
 * @return bool
 */
function keen_lead_form_is_valid_endpoint( $url ) {
	if ( ! is_string( $url ) || '' === $url || strlen( $url ) > 2048 || preg_match( '/[\s<>"\']/', $url ) ) {
		return false;
	}
	$parts = wp_parse_url( $url );
	return is_array( $parts )
		&& isset( $parts['scheme'], $parts['host'] )
		&& in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true )
		&& '' !== $parts['host']
		&& false !== filter_var( $url, FILTER_VALIDATE_URL );
}

/**
 * Sanitize callback: a valid id (or empty, meaning "no default") is kept;
 * anything else is refused with a notice and the stored value stays.
 *
 * @param mixed $value Submitted value.
 * @return string
 */
function keen_lead_form_sanitize_channel( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $value || keen_lead_form_is_valid_channel( $value ) ) {
		return $value;
	}
	add_settings_error(
		'keen_lead_form_channel',
		'keen_lead_form_invalid_channel',
		__( 'The channel id may only contain letters, digits and dashes (1–64 characters). The previous value was kept.', 'keen-lead-form' )
	);
	return (string) get_option( 'keen_lead_form_channel', '' );
}

/**
 * Sanitize callback for the endpoint: http(s) URLs only; an empty field
 * restores Keen's default.
 *
 * @param mixed $value Submitted value.
 * @return string
 */
function keen_lead_form_sanitize_endpoint( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $value ) {
		return KEEN_LEAD_FORM_DEFAULT_ENDPOINT;
	}
	if ( keen_lead_form_is_valid_endpoint( $value ) ) {
		return esc_url_raw( $value, array( 'http', 'https' ) );
	}
	add_settings_error(
		'keen_lead_form_endpoint',
		'keen_lead_form_invalid_endpoint',
		__( 'The endpoint must be an http:// or https:// URL. The previous value was kept.', 'keen-lead-form' )
	);
	return (string) get_option( 'keen_lead_form_endpoint', KEEN_LEAD_FORM_DEFAULT_ENDPOINT );
}

/**
 * @param mixed $value Submitted value ("1" when ticked, absent when not).
 * @return int
 */
function keen_lead_form_sanitize_relay( $value ) {
	return empty( $value ) ? 0 : 1;
}

/**
 * Sanitize callback for the trusted proxy header: a header name, or empty
 * for REMOTE_ADDR.
 *
 * @param mixed $value Submitted value.
 * @return string
 */
function keen_lead_form_sanitize_proxy_header( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $value || 1 === preg_match( KEEN_LEAD_FORM_HEADER_NAME_PATTERN, $value ) ) {
		return $value;
	}
	add_settings_error(
		'keen_lead_form_proxy_header',
		'keen_lead_form_invalid_proxy_header',
		__( 'The proxy header must be a header name such as X-Forwarded-For (letters, digits and dashes). The previous value was kept.', 'keen-lead-form' )
	);
	return (string) get_option( 'keen_lead_form_proxy_header', '' );
}

/** Registers the options, the section and the fields. */
function keen_lead_form_register_settings() {
	register_setting(
		'keen_lead_form',
		'keen_lead_form_channel',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => 'keen_lead_form_sanitize_channel',
			'show_in_rest'      => false,
		)
	);
	register_setting(
		'keen_lead_form',
		'keen_lead_form_endpoint',
		array(
			'type'              => 'string',
			'default'           => KEEN_LEAD_FORM_DEFAULT_ENDPOINT,
			'sanitize_callback' => 'keen_lead_form_sanitize_endpoint',
			'show_in_rest'      => false,
		)
	);
	register_setting(
		'keen_lead_form',
		'keen_lead_form_relay',
		array(
			'type'              => 'boolean',
			'default'           => 0,
			'sanitize_callback' => 'keen_lead_form_sanitize_relay',
			'show_in_rest'      => false,
		)
	);
	register_setting(
		'keen_lead_form',
		'keen_lead_form_proxy_header',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => 'keen_lead_form_sanitize_proxy_header',
			'show_in_rest'      => false,
		)
	);

	add_settings_section( 'keen_lead_form_main', __( 'Keen connection', 'keen-lead-form' ), 'keen_lead_form_render_section', 'keen-lead-form' );
	add_settings_field(
		'keen_lead_form_channel',
		__( 'Default channel id', 'keen-lead-form' ),
		'keen_lead_form_render_channel_field',
		'keen-lead-form',
		'keen_lead_form_main',
		array( 'label_for' => 'keen_lead_form_channel' )
	);
	add_settings_field(
		'keen_lead_form_endpoint',
		__( 'Keen API endpoint', 'keen-lead-form' ),
		'keen_lead_form_render_endpoint_field',
		'keen-lead-form',
		'keen_lead_form_main',
		array( 'label_for' => 'keen_lead_form_endpoint' )
	);
	add_settings_field(
		'keen_lead_form_relay',
		__( 'Send through this site', 'keen-lead-form' ),
		'keen_lead_form_render_relay_field',
		'keen-lead-form',
		'keen_lead_form_main',
		array( 'label_for' => 'keen_lead_form_relay' )
	);
	add_settings_field(
		'keen_lead_form_proxy_header',
		__( 'Client address header (trusted proxy)', 'keen-lead-form' ),
		'keen_lead_form_render_proxy_header_field',
		'keen-lead-form',
		'keen_lead_form_main',
		array( 'label_for' => 'keen_lead_form_proxy_header' )
	);
}
add_action( 'admin_init', 'keen_lead_form_register_settings' );

/** Settings → Keen Lead Form. */
function keen_lead_form_add_settings_page() {
	add_options_page(
		__( 'Keen Lead Form', 'keen-lead-form' ),
		__( 'Keen Lead Form', 'keen-lead-form' ),
		'manage_options',
		'keen-lead-form',
		'keen_lead_form_render_settings_page'
	);
}
add_action( 'admin_menu', 'keen_lead_form_add_settings_page' );

/**
 * A "Settings" link on the Plugins screen.
 *
 * @param string[] $links Action links.
 * @return string[]
 */
function keen_lead_form_plugin_action_links( $links ) {
	$url = admin_url( 'options-general.php?page=keen-lead-form' );
	array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'keen-lead-form' ) . '</a>' );
	return $links;
}
add_filter( 'plugin_action_links_' . plugin_basename( KEEN_LEAD_FORM_FILE ), 'keen_lead_form_plugin_action_links' );

/** The page; options.php checks the nonce and capability that settings_fields() sets up. */
function keen_lead_form_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<?php // Saved/error notices: wp-admin prints them on every page under Settings (options-head.php). ?>
		<form action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>" method="post">
			<?php
			settings_fields( 'keen_lead_form' );
			do_settings_sections( 'keen-lead-form' );
			submit_button();
			?>
		</form>
		<?php keen_lead_form_render_channel_fields_panel(); ?>
		<h2><?php esc_html_e( 'Using the form', 'keen-lead-form' ); ?></h2>
		<p>
			<?php esc_html_e( 'Add the "Keen Lead Form" block in the editor, or this shortcode anywhere shortcodes work:', 'keen-lead-form' ); ?>
			<code>[keen_lead_form fields="first_name last_name email phone notes" required="email"]</code>
		</p>
	</div>
	<?php
}

/** Section introduction. */
function keen_lead_form_render_section() {
	echo '<p>' . esc_html__( 'Leads go to the Keen channel below unless a form names its own. Keen needs no API key for this: the channel must have its public API switched on.', 'keen-lead-form' ) . '</p>';
}

/** Channel field. */
function keen_lead_form_render_channel_field() {
	printf(
		'<input type="text" class="regular-text code" id="keen_lead_form_channel" name="keen_lead_form_channel" value="%1$s" pattern="[A-Za-z0-9\-]{1,64}" maxlength="64" autocomplete="off" spellcheck="false" /><p class="description">%2$s</p>',
		esc_attr( (string) get_option( 'keen_lead_form_channel', '' ) ),
		esc_html__( 'Your Keen channel id or public uuid (letters, digits and dashes).', 'keen-lead-form' )
	);
}

/** Endpoint field. */
function keen_lead_form_render_endpoint_field() {
	printf(
		'<input type="url" class="regular-text code" id="keen_lead_form_endpoint" name="keen_lead_form_endpoint" value="%1$s" /><p class="description">%2$s <code>%3$s</code></p>',
		esc_attr( (string) get_option( 'keen_lead_form_endpoint', KEEN_LEAD_FORM_DEFAULT_ENDPOINT ) ),
		esc_html__( 'Leave empty for Keen\'s API:', 'keen-lead-form' ),
		esc_html( KEEN_LEAD_FORM_DEFAULT_ENDPOINT )
	);
}

/** Relay checkbox. */
function keen_lead_form_render_relay_field() {
	printf(
		'<label><input type="checkbox" id="keen_lead_form_relay" name="keen_lead_form_relay" value="1" %1$s /> %2$s</label><p class="description">%3$s <code>%4$s</code></p>',
		checked( (bool) get_option( 'keen_lead_form_relay', 0 ), true, false ),
		esc_html__( 'Forms post to this site, which adds the channel id and forwards the lead to Keen.', 'keen-lead-form' ),
		esc_html__( 'Your channel id then never appears in your pages, every form uses the default channel, and visitors are rate-limited per IP address (IPv6: per /64 network). Relay URL:', 'keen-lead-form' ),
		esc_html( keen_lead_form_relay_url() )
	);
}

/** Trusted proxy header field. */
function keen_lead_form_render_proxy_header_field() {
	printf(
		'<input type="text" class="regular-text code" id="keen_lead_form_proxy_header" name="keen_lead_form_proxy_header" value="%1$s" placeholder="X-Forwarded-For" maxlength="64" autocomplete="off" spellcheck="false" /><p class="description">%2$s</p>',
		esc_attr( (string) get_option( 'keen_lead_form_proxy_header', '' ) ),
		esc_html__( 'Leave empty unless this site sits behind a proxy or CDN you control that sets this header to the visitor\'s address (e.g. X-Forwarded-For, CF-Connecting-IP, X-Real-IP). The relay\'s rate limit then counts by the last address in it; otherwise by the connection\'s address (REMOTE_ADDR). Naming a header that no proxy overwrites lets visitors choose their own address and dodge the limit.', 'keen-lead-form' )
	);
}

<?php
/**
 * Settings → Keen Lead Form → "Spam protection (relay mode)": which
 * challenge the relay asks for (proof of work by default, a captcha
 * provider, or none), the provider's site key, secret and an optional
 * siteverify URL, and the relay's refusal counters.
 *
 * The captcha secret is kept like the API key (secret-field.php): never
 * printed back, not in the REST API, not autoloaded.
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

/** Provider site keys: what the providers issue (letters, digits, dashes, underscores, dots), bounded. */
const KEEN_LEAD_FORM_SITEKEY_PATTERN = '/^[A-Za-z0-9._-]{1,128}$/';

/**
 * @param mixed $value Submitted value.
 * @return string
 */
function keen_lead_form_sanitize_challenge( $value ) {
	return is_string( $value ) && in_array( $value, KEEN_LEAD_FORM_CHALLENGES, true ) ? $value : 'altcha';
}

/**
 * @param mixed $value Submitted value.
 * @return string
 */
function keen_lead_form_sanitize_captcha_sitekey( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $value || 1 === preg_match( KEEN_LEAD_FORM_SITEKEY_PATTERN, $value ) ) {
		return $value;
	}
	add_settings_error(
		'keen_lead_form_captcha_sitekey',
		'keen_lead_form_invalid_sitekey',
		__( 'The site key may only contain letters, digits, dots, dashes and underscores. The previous value was kept.', 'keen-lead-form' )
	);
	return (string) get_option( 'keen_lead_form_captcha_sitekey', '' );
}

/**
 * @param mixed $value Submitted value.
 * @return string
 */
function keen_lead_form_sanitize_captcha_siteverify( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $value ) {
		return '';
	}
	if ( keen_lead_form_is_valid_endpoint( $value ) ) {
		return esc_url_raw( $value, array( 'http', 'https' ) );
	}
	add_settings_error(
		'keen_lead_form_captcha_siteverify',
		'keen_lead_form_invalid_siteverify',
		__( 'The siteverify URL must be an http:// or https:// URL. The previous value was kept.', 'keen-lead-form' )
	);
	return (string) get_option( 'keen_lead_form_captcha_siteverify', '' );
}

/**
 * Like the API key (secret-field.php): an empty field keeps the stored secret.
 *
 * @param mixed $value Submitted value.
 * @return array{secret?: string}
 */
function keen_lead_form_sanitize_captcha_secret( $value ) {
	return keen_lead_form_sanitize_secret(
		$value,
		KEEN_LEAD_FORM_CAPTCHA_SECRET_OPTION,
		'secret',
		keen_lead_form_get_captcha_secret(),
		'/^[\x21-\x7e]{1,512}$/',
		__( 'The captcha secret must be up to 512 characters without spaces. The stored secret was kept.', 'keen-lead-form' )
	);
}

/** Registers the options, the section and its fields. */
function keen_lead_form_register_spam_settings() {
	$settings = array(
		'keen_lead_form_challenge'          => array( 'string', 'altcha', 'keen_lead_form_sanitize_challenge' ),
		'keen_lead_form_captcha_sitekey'    => array( 'string', '', 'keen_lead_form_sanitize_captcha_sitekey' ),
		KEEN_LEAD_FORM_CAPTCHA_SECRET_OPTION => array( 'object', array(), 'keen_lead_form_sanitize_captcha_secret' ),
		'keen_lead_form_captcha_siteverify' => array( 'string', '', 'keen_lead_form_sanitize_captcha_siteverify' ),
	);
	foreach ( $settings as $name => $setting ) {
		register_setting(
			'keen_lead_form',
			$name,
			array(
				'type'              => $setting[0],
				'default'           => $setting[1],
				'sanitize_callback' => $setting[2],
				'show_in_rest'      => false,
			)
		);
	}
	add_settings_section( 'keen_lead_form_spam', __( 'Spam protection (relay mode)', 'keen-lead-form' ), 'keen_lead_form_render_spam_section', 'keen-lead-form' );
	$fields = array(
		'keen_lead_form_challenge'          => __( 'Challenge', 'keen-lead-form' ),
		'keen_lead_form_captcha_sitekey'    => __( 'Captcha site key', 'keen-lead-form' ),
		'keen_lead_form_captcha_secret'     => __( 'Captcha secret', 'keen-lead-form' ),
		'keen_lead_form_captcha_siteverify' => __( 'Captcha siteverify URL (optional)', 'keen-lead-form' ),
	);
	foreach ( $fields as $id => $title ) {
		add_settings_field( $id, $title, 'keen_lead_form_render_spam_field', 'keen-lead-form', 'keen_lead_form_spam', array( 'label_for' => $id ) );
	}
}
add_action( 'admin_init', 'keen_lead_form_register_spam_settings', 12 );

/** Section introduction, with what the relay refused so far. */
function keen_lead_form_render_spam_section() {
	echo '<p>' . esc_html__( 'Checked by the relay before the rate limit. The form always carries a hidden honeypot field. Proof of work makes each visitor\'s browser solve a small puzzle while they type: no third party, no cookie. A captcha provider replaces it once its site key and secret are set.', 'keen-lead-form' ) . '</p>';
	$counts = keen_lead_form_refusal_counts();
	echo '<table class="widefat striped keen-lead-form-refusals" style="max-width:40em"><caption style="text-align:left">' . esc_html__( 'Requests the relay refused', 'keen-lead-form' ) . '</caption><tbody>';
	$labels = array(
		'honeypot'   => __( 'Honeypot filled', 'keen-lead-form' ),
		'challenge'  => __( 'Proof of work missing, expired, forged or replayed', 'keen-lead-form' ),
		'captcha'    => __( 'Captcha token refused', 'keen-lead-form' ),
		'rate-limit' => __( 'Rate limit', 'keen-lead-form' ),
	);
	foreach ( $labels as $reason => $label ) {
		printf(
			'<tr data-reason="%1$s"><th scope="row">%2$s</th><td>%3$s</td></tr>',
			esc_attr( $reason ),
			esc_html( $label ),
			esc_html( number_format_i18n( (int) $counts[ $reason ] ) )
		);
	}
	echo '</tbody></table>';
	if ( '' !== $counts['since'] ) {
		/* translators: %s: date and time (UTC) */
		echo '<p class="description">' . esc_html( sprintf( __( 'Counted since %s (UTC). Each refusal is also logged without personal data.', 'keen-lead-form' ), (string) $counts['since'] ) ) . '</p>';
	}
	$chosen = (string) get_option( 'keen_lead_form_challenge', 'altcha' );
	if ( ! in_array( $chosen, array( 'altcha', 'none' ), true ) && '' === keen_lead_form_challenge_settings()['provider'] ) {
		echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'A captcha provider is chosen but its site key or secret is missing: the relay uses proof of work until both are set.', 'keen-lead-form' ) . '</p></div>';
	}
}

/**
 * One field of the section.
 *
 * @param array{label_for: string} $args The field's id.
 */
function keen_lead_form_render_spam_field( $args ) {
	$id = $args['label_for'];
	if ( 'keen_lead_form_challenge' === $id ) {
		$current = keen_lead_form_sanitize_challenge( get_option( $id, 'altcha' ) );
		$choices = array(
			'altcha'          => __( 'Proof of work (ALTCHA, self-hosted; default)', 'keen-lead-form' ),
			'turnstile'       => __( 'Cloudflare Turnstile', 'keen-lead-form' ),
			'hcaptcha'        => __( 'hCaptcha', 'keen-lead-form' ),
			'friendlycaptcha' => __( 'Friendly Captcha', 'keen-lead-form' ),
			'none'            => __( 'None (honeypot and rate limit only)', 'keen-lead-form' ),
		);
		echo '<select id="keen_lead_form_challenge" name="keen_lead_form_challenge">';
		foreach ( $choices as $value => $label ) {
			printf( '<option value="%1$s" %2$s>%3$s</option>', esc_attr( $value ), selected( $current, $value, false ), esc_html( $label ) );
		}
		echo '</select>';
	} elseif ( KEEN_LEAD_FORM_CAPTCHA_SECRET_OPTION === $id ) {
		keen_lead_form_render_secret_field(
			KEEN_LEAD_FORM_CAPTCHA_SECRET_OPTION,
			'' !== keen_lead_form_get_captcha_secret(),
			array(
				'stored' => __( 'A secret is stored (not shown).', 'keen-lead-form' ),
				'hint'   => __( 'Type a new secret to replace it.', 'keen-lead-form' ),
				'remove' => __( 'Remove the stored secret', 'keen-lead-form' ),
				'none'   => __( 'No secret is stored.', 'keen-lead-form' ),
			)
		);
	} else {
		$type = 'keen_lead_form_captcha_siteverify' === $id ? 'url' : 'text';
		printf(
			'<input type="%1$s" class="regular-text code" id="%2$s" name="%2$s" value="%3$s" autocomplete="off" spellcheck="false" />',
			esc_attr( $type ),
			esc_attr( $id ),
			esc_attr( (string) get_option( $id, '' ) )
		);
		if ( 'url' === $type ) {
			echo '<p class="description">' . esc_html__( 'Leave empty for the provider\'s own siteverify API.', 'keen-lead-form' ) . '</p>';
		}
	}
}

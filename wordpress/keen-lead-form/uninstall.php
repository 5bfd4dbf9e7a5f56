<?php
/**
 * Removes the plugin's options when it is deleted from the Plugins screen.
 * Rate-limit counters and used proof-of-work solutions are transients and
 * expire by themselves.
 *
 * @package KeenLeadForm
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'keen_lead_form_channel' );
delete_option( 'keen_lead_form_endpoint' );
delete_option( 'keen_lead_form_relay' );
delete_option( 'keen_lead_form_proxy_header' );
delete_option( 'keen_lead_form_api_key' );
delete_option( 'keen_lead_form_challenge' );
delete_option( 'keen_lead_form_captcha_sitekey' );
delete_option( 'keen_lead_form_captcha_secret' );
delete_option( 'keen_lead_form_captcha_siteverify' );
delete_option( 'keen_lead_form_altcha_key' );
delete_option( 'keen_lead_form_refusals' );
delete_option( 'keen_lead_form_channel_fields' );

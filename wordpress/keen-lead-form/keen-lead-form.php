<?php
/**
 * Plugin Name:       Keen Lead Form
 * Description:       A lead form that sends what visitors type straight into Keen, the partner/referral CRM. Shortcode [keen_lead_form], a "Keen Lead Form" block, and an optional relay that keeps your channel id off your pages.
 * Version:           0.1.0
 * Requires at least: 6.2
 * Requires PHP:      7.4
 * Author:            keen-lead-form contributors
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       keen-lead-form
 *
 * @package KeenLeadForm
 */

defined( 'ABSPATH' ) || exit;

define( 'KEEN_LEAD_FORM_VERSION', '0.1.0' );
define( 'KEEN_LEAD_FORM_FILE', __FILE__ );
define( 'KEEN_LEAD_FORM_DIR', plugin_dir_path( __FILE__ ) );
define( 'KEEN_LEAD_FORM_URL', plugin_dir_url( __FILE__ ) );
define( 'KEEN_LEAD_FORM_DEFAULT_ENDPOINT', 'https://data.keenpartner.com/functions/v1/keen-api' );

require_once KEEN_LEAD_FORM_DIR . 'includes/settings.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/secret-field.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/api-key.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/assets.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/i18n.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/form-model.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/html-form.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/render.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/shortcode-config.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/block.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/client-address.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/rate-limit.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/keen-client.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/altcha.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/captcha.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/spam-guard.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/spam-settings.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/channel-fields.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/rest-relay.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/form-validation.php';
require_once KEEN_LEAD_FORM_DIR . 'includes/form-posts.php';

register_activation_hook( __FILE__, 'keen_lead_form_activate' );

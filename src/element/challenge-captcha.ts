/*
 * The captcha of a form whose `challenge` names a provider: on first render
 * it creates a light-DOM container (`<div slot="challenge">`, shown above the
 * send button), loads the provider's script and renders its widget there,
 * and keeps the latest token. The send takes the token (one lead, one token)
 * and resets the widget. A provider that cannot load leaves the form as it
 * is and says what to do; nothing is sent without a token.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChallengeSetting } from '../schema/form-config.js';
import { renderCaptcha, type CaptchaWidget } from '../spam/captcha-providers.js';

type CaptchaSetting = Extract<ChallengeSetting, { kind: 'captcha' }>;

export interface CaptchaToken {
  readonly provider: CaptchaSetting['provider'];
  readonly token: string;
}

export class CaptchaController implements ReactiveController {
  /** `failed`: the provider's script did not load or was not ready in time. */
  state: 'off' | 'loading' | 'ready' | 'failed' = 'off';
  private token: string | undefined;
  private widget: CaptchaWidget | undefined;
  private container: HTMLElement | undefined;
  private key = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The provider could not load: the visitor is told what to do. */
    private readonly failed: () => void,
    /** The visitor solved the check (a fresh token is ready). */
    private readonly solved: () => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.container !== undefined) this.host.append(this.container);
  }

  hostDisconnected(): void {
    this.container?.remove();
  }

  /** Called on each render with the settings in force; starts loading the first time a provider is named. */
  use(setting: ChallengeSetting | undefined, scriptUrl: string | undefined): void {
    const key = setting?.kind === 'captcha' ? `${setting.provider}:${setting.sitekey}:${scriptUrl ?? ''}` : '';
    if (key === this.key) return;
    this.key = key;
    this.container?.remove();
    this.container = undefined;
    this.widget = undefined;
    this.token = undefined;
    if (setting?.kind !== 'captcha') {
      this.state = 'off';
      return;
    }
    this.load(setting, scriptUrl);
  }

  private load(setting: CaptchaSetting, scriptUrl: string | undefined): void {
    const container = document.createElement('div');
    container.slot = 'challenge';
    this.host.append(container);
    this.container = container;
    this.state = 'loading';
    const current = (): boolean => this.container === container;
    renderCaptcha(setting.provider, setting.sitekey, scriptUrl, container, {
      token: (token) => {
        if (!current()) return;
        this.token = token === '' ? undefined : token;
        if (this.token !== undefined) this.solved();
      },
      lost: () => {
        if (!current()) return;
        this.token = undefined;
        // An expired answer is cleared so the visitor can solve it again.
        this.widget?.reset();
      },
    }).then(
      (widget) => {
        if (!current()) return;
        this.widget = widget;
        this.state = 'ready';
        this.host.requestUpdate();
      },
      () => {
        if (!current()) return;
        this.state = 'failed';
        this.failed();
        this.host.requestUpdate();
      },
    );
  }

  /** Loads a failed provider again (the visitor allowed it, or is back online). */
  retry(setting: ChallengeSetting, scriptUrl: string | undefined): void {
    if (this.state !== 'failed') return;
    this.key = '';
    this.use(setting, scriptUrl);
  }

  /** The token for one lead, cleared and the widget reset; `undefined` when the visitor has not solved it yet. */
  take(): CaptchaToken | undefined {
    const token = this.token;
    if (token === undefined || this.state !== 'ready') return undefined;
    this.token = undefined;
    this.widget?.reset();
    return { provider: this.key.slice(0, this.key.indexOf(':')) as CaptchaSetting['provider'], token };
  }
}

import { defineElement } from '../core/define-element.ts';
import { SspSession } from './ssp-session.ts';

defineElement('ssp-session', SspSession);

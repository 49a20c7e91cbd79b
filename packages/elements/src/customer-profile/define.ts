import { defineElement } from '../core/define-element.ts';
import { CustomerProfile } from './customer-profile.ts';

defineElement('customer-profile', CustomerProfile);

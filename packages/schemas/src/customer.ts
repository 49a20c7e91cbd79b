import { z } from 'zod';
import { CurrencyCode, Id, IsoDate, Text } from './common.ts';

const Email = z.email().max(254);
/** E.164-ish: digits, spaces and the usual punctuation; hosts store phones loosely. */
const Phone = z.string().trim().regex(/^\+?[0-9 ().-]{3,32}$/, 'a phone number: digits, spaces, + ( ) . -');

export const Address = z
  .object({
    line1: Text(200).min(1),
    line2: Text(200).nullish(),
    city: Text(100).min(1),
    region: Text(100).nullish(),
    postalCode: Text(20).nullish(),
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code'),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof Address>;

export const ContactInput = z.object({
  id: Id,
  name: Text(200).min(1),
  email: Email.nullish(),
  phone: Phone.nullish(),
  role: Text(100).nullish(),
  isPrimary: z.boolean().default(false),
});

export const Contact = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    role: z.string().nullable(),
    isPrimary: z.boolean(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;

export const AccountManager = z.object({
  name: Text(200).min(1),
  email: Email.nullish(),
  phone: Phone.nullish(),
});

const onePrimary = (contacts: { isPrimary: boolean }[] | undefined) =>
  !contacts || contacts.filter((contact) => contact.isPrimary).length <= 1;

export const CustomerInput = z
  .object({
    id: Id,
    name: Text(200).min(1),
    email: Email.nullish(),
    phone: Phone.nullish(),
    address: Address.nullish(),
    currency: CurrencyCode.default('USD').meta({ description: 'Default currency of the account.' }),
    billingTerms: Text(40).nullish().meta({ example: 'NET30' }),
    billingCycle: Text(40).nullish().meta({ example: 'Monthly on the 1st' }),
    accountManager: AccountManager.nullish(),
    customerSince: IsoDate.nullish(),
    contacts: z.array(ContactInput).max(50).default([]).refine(onePrimary, 'at most one primary contact'),
  })
  .meta({ id: 'CustomerInput' });
export type CustomerInput = z.infer<typeof CustomerInput>;

export const Customer = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: Address.nullable(),
    currency: z.string(),
    billingTerms: z.string().nullable(),
    billingCycle: z.string().nullable(),
    accountManager: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    customerSince: z.string().nullable(),
    primaryContact: Contact.nullable(),
    contacts: z.array(Contact).meta({ description: 'All contacts, primary first.' }),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof Customer>;

/** What a customer may change about themselves, when the tenant allows it. */
export const ProfileUpdate = z
  .object({
    email: Email.nullish(),
    phone: Phone.nullish(),
    address: Address.nullish(),
    contacts: z.array(ContactInput).max(50).refine(onePrimary, 'at most one primary contact').optional(),
  })
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'nothing to update')
  .meta({ id: 'ProfileUpdate' });
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

export const Profile = z
  .object({
    customer: Customer,
    editable: z.boolean().meta({ description: "Whether the host's tenant lets customers edit their profile." }),
  })
  .meta({ id: 'Profile' });
export type Profile = z.infer<typeof Profile>;

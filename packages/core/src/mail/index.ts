export { type CreateMailerOptions, createMailer, type Email, type Mailer } from './mailer';

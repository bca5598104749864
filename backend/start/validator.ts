/*
| Chinese messages and field labels for every validator: see app/validators/messages.ts.
*/
import vine from '@vinejs/vine'
import { messagesProvider } from '#validators/messages'

vine.messagesProvider = messagesProvider

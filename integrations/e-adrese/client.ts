import { JsonHttpClient, type CallOptions, type ClientOptions, type WriteOptions } from '../common/http';
import {
  AccountSchema,
  DeliveryReceiptSchema,
  EAddressMessageSchema,
  type Account,
  type DeliveryReceipt,
  type EAddressMessage,
} from './schema';

/**
 * PLUS's client of e-adrese (official e-address). Base URL `http://127.0.0.1:<SIMULATORS_PORT>/e-adrese`.
 *  - getAccount(personalCode | registrationNumber) → whether the e-address is active;
 *  - sendMessage(message, { idempotencyKey }) → delivery receipt; PermanentIntegrationError RECIPIENT_NOT_ACTIVE
 *    when the recipient has no active e-address (the process then sends by post);
 *  - getMessage(messageId) → the receipt with readAt, or null.
 */
export class EAddressClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('e-adrese', options);
  }

  getAccount(identifier: string, opts?: CallOptions): Promise<Account> {
    return this.http.request(
      {
        operation: 'getAccount',
        method: 'GET',
        path: `/accounts/${encodeURIComponent(identifier)}`,
        schema: AccountSchema,
      },
      opts,
    );
  }

  sendMessage(message: EAddressMessage, opts: WriteOptions): Promise<DeliveryReceipt> {
    return this.http.request(
      {
        operation: 'sendMessage',
        method: 'POST',
        path: '/messages',
        body: message,
        bodySchema: EAddressMessageSchema,
        idempotencyKey: opts.idempotencyKey,
        schema: DeliveryReceiptSchema,
      },
      opts,
    );
  }

  getMessage(messageId: string, opts?: CallOptions): Promise<DeliveryReceipt | null> {
    return this.http.request(
      {
        operation: 'getMessage',
        method: 'GET',
        path: `/messages/${encodeURIComponent(messageId)}`,
        schema: DeliveryReceiptSchema,
        absentCode: 'MESSAGE_NOT_FOUND',
      },
      opts,
    );
  }
}

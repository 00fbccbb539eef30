import { recordReceipt } from './record-receipt';

export const platformSmokeWorkers = [recordReceipt];

/** listNumbers against the emulator's GET /numbers, over loopback (the wire as served). */
import { afterEach, describe, expect, it } from 'vitest';
import { VoipbinClient } from '../../src/api/client.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

const KEY = 'vb_numbers_emulator_key';
const OTHER = 'vb_numbers_other_customer';
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('listNumbers against the emulator', () => {
  it("lists this customer's numbers with type and status, across pages, in ceil(N/100)+1 requests", async () => {
    const many = Array.from({ length: 120 }, (_, i) => `+1555100${String(i).padStart(4, '0')}`);
    emulator = await startEmulator({
      accessKeys: [KEY, OTHER],
      numbers: [...many, '+15552220000:port_pending', '+899123456789:virtual', '+15559990000@2'],
    });
    const client = new VoipbinClient({
      baseUrl: emulator.baseUrl,
      credential: { kind: 'accesskey', value: KEY },
      rate: Infinity,
    });
    try {
      const numbers = await client.listNumbers();
      expect(numbers).toHaveLength(122);
      const byNumber = new Map(numbers.map((n) => [n.number, n]));
      expect(byNumber.get('+15552220000')).toMatchObject({
        type: 'normal',
        status: 'port_pending',
      });
      expect(byNumber.get('+899123456789')).toMatchObject({ type: 'virtual', status: 'active' });
      expect(byNumber.get('+15551000007')).toMatchObject({ type: 'normal', status: 'active' });
      expect(byNumber.has('+15559990000')).toBe(false);
      expect(client.requestCount).toBe(Math.ceil(122 / 100) + 1);
    } finally {
      await client.close();
    }
  });
});

import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ackLinkUrl, signAckToken, verifyAckToken } from '../../../adapters/ack-link.js';
import { type AckLinkError, SecretError } from '../../../adapters/delivery-errors.js';
import { clearSecretCache, loadSecret } from '../../../adapters/secrets.js';

const ssm = mockClient(SSMClient);

describe('loadSecret', () => {
  beforeEach(() => {
    ssm.reset();
    clearSecretCache();
  });

  it('reads an SSM SecureString with decryption once per cold start', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'xoxb-test' } });
    const client = new SSMClient({});
    const ref = { parameterName: '/breachwatch/slack/bot-token' };
    expect(await loadSecret(ref, 'SLACK_BOT_TOKEN', client)).toBe('xoxb-test');
    expect(await loadSecret(ref, 'SLACK_BOT_TOKEN', client)).toBe('xoxb-test');
    const calls = ssm.commandCalls(GetParameterCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({ Name: '/breachwatch/slack/bot-token', WithDecryption: true });
  });

  it('prefers a direct value and names the settings when neither is given', async () => {
    expect(await loadSecret({ value: 'local' }, 'SLACK_BOT_TOKEN')).toBe('local');
    await expect(loadSecret({}, 'SLACK_BOT_TOKEN')).rejects.toThrow(/set SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_PARAM/);
  });

  it('does not cache a failure, so the next invocation retries', async () => {
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ Parameter: { Value: 'v' } });
    const client = new SSMClient({});
    await expect(loadSecret({ parameterName: '/p' }, 'X', client)).rejects.toBeInstanceOf(SecretError);
    expect(await loadSecret({ parameterName: '/p' }, 'X', client)).toBe('v');
  });
});

describe('acknowledge link tokens', () => {
  const key = 'link-key';
  const claims = { incidentId: 'BW-20261120-3f2a1b9c', expiresAt: 1_795_000_000, nonce: 'n-1' };
  const before = new Date((claims.expiresAt - 1) * 1000);
  const reason = (fn: () => unknown) => {
    try {
      fn();
      return 'accepted';
    } catch (error) {
      return (error as AckLinkError).reason;
    }
  };

  it('round-trips its claims until it expires', () => {
    const token = signAckToken(key, claims);
    expect(verifyAckToken(key, token, before)).toEqual(claims);
    expect(reason(() => verifyAckToken(key, token, new Date((claims.expiresAt + 1) * 1000)))).toBe('expired');
    expect(ackLinkUrl('https://c.example/', token)).toBe(`https://c.example/ack?token=${token}`);
  });

  it('refuses a token signed with another key, with changed claims, or malformed', () => {
    const token = signAckToken(key, claims);
    expect(reason(() => verifyAckToken('other', token, before))).toBe('mismatch');
    const [, sig] = token.split('.');
    const longer = Buffer.from(JSON.stringify([claims.incidentId, claims.expiresAt + 86_400, 'n-1'])).toString(
      'base64url',
    );
    expect(reason(() => verifyAckToken(key, `${longer}.${sig}`, before))).toBe('mismatch');
    expect(reason(() => verifyAckToken(key, 'nodot', before))).toBe('malformed');
    expect(reason(() => verifyAckToken(key, `${Buffer.from('{}').toString('base64url')}.${sig}`, before))).toBe(
      'malformed',
    );
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyFinding,
  defaultRelevanceConfig,
  findingCategory,
} from '../../../detectors/guardduty/classify-finding.js';
import { findingTypes } from '../../../detectors/guardduty/finding-types.js';
import { GuardDutyEventSchema } from '../../../events/guardduty.js';
import { guardDutyEvent } from '../../support/factories.js';
import { fixturesDir, loadJson } from '../../support/fixtures.js';

const classify = (file: string, config = defaultRelevanceConfig) =>
  classifyFinding(GuardDutyEventSchema.parse(loadJson(`guardduty/eventbridge/${file}.event.json`)).detail, config);
const withSamples = { ...defaultRelevanceConfig, includeSamples: true };

describe('classifyFinding on every fixture', () => {
  // file, category, entity, opens with --include-samples, opens without
  const expected: Array<[string, string, string, boolean, boolean]> = [
    ['awssamples-edge-unknown-type-canary', 'host-compromise', 'instance i-05746eb48123455e0', true, true],
    ['awssamples-pentest-s3-parrotlinux-archived', 'data-store-access', 'bucket bucketName', false, false],
    ['elastic-backdoor-ec2-ccactivity-b', 'host-compromise', 'instance i-99999999', true, false],
    ['elastic-behavior-ec2-networkportunusual', 'host-compromise', 'instance i-99999999', true, false],
    ['elastic-behavior-ec2-trafficvolumeunusual', 'exfiltration', 'instance i-99999999', true, false],
    [
      'elastic-credentialaccess-rds-anomalousbehavior-successfullogin',
      'data-store-access',
      'db-instance GeneratedFindingDBInstanceId',
      true,
      false,
    ],
    ['elastic-cryptocurrency-ec2-bitcointool-b', 'host-compromise', 'instance i-99999999', true, false],
    ['elastic-exfiltration-s3-maliciousipcaller', 'exfiltration', 'bucket bucketName', true, false],
    ['elastic-impact-s3-maliciousipcaller', 'data-store-access', 'bucket bucketName', true, false],
    ['elastic-noise-impact-ec2-winrmbruteforce', 'recon', 'instance i-99999999', false, false],
    [
      'elastic-noise-policy-iamuser-rootcredentialusage',
      'credential-compromise',
      'access-key GeneratedFindingAccessKeyId',
      false,
      false,
    ],
    ['elastic-noise-unauthorizedaccess-ec2-sshbruteforce', 'recon', 'instance i-99999999', false, false],
    [
      'elastic-policy-s3-bucketpublicaccessgranted',
      'data-store-access',
      'access-key GeneratedFindingAccessKeyId',
      true,
      false,
    ],
    ['elastic-trojan-ec2-dnsdataexfiltration', 'exfiltration', 'instance i-99999999', true, false],
    ['elastic-trojan-ec2-droppoint', 'exfiltration', 'instance i-99999999', true, false],
    [
      'elastic-unauthorizedaccess-iamuser-instancecredentialexfiltration-outsideaws',
      'exfiltration',
      'access-key GeneratedFindingAccessKeyId',
      true,
      false,
    ],
    ['elastic-unauthorizedaccess-s3-toripcaller', 'data-store-access', 'bucket bucketName', true, false],
    ['panther-attacksequence-iam-compromisedcredentials', 'exfiltration', 'account 123456789012', true, true],
    ['panther-attacksequence-s3-compromiseddata', 'exfiltration', 'account 123456789012', true, false],
  ];

  it.each(expected)('%s is %s about %s', (file, category, entity, opensWithSamples, opensByDefault) => {
    const withFlag = classify(file, withSamples);
    expect(withFlag.category).toBe(category);
    expect(`${withFlag.entity.type} ${withFlag.entity.id}`).toBe(entity);
    expect(withFlag.opensIncident).toBe(opensWithSamples);
    expect(classify(file).opensIncident).toBe(opensByDefault);
  });

  it('covers every fixture in the folder', async () => {
    const { fixtureNames } = await import('../../support/fixtures.js');
    expect(fixtureNames('guardduty/eventbridge').map((f) => f.replace('.event.json', ''))).toEqual(
      expected.map(([f]) => f).sort(),
    );
  });
});

describe('the relevance table', () => {
  it('covers the whole GuardDuty catalogue, once per type', () => {
    const tsv = readFileSync(join(fixturesDir, 'guardduty/finding-types.tsv'), 'utf8').trim().split('\n').slice(1);
    const catalogue = tsv.map((line) => line.split('\t')[0]);
    expect(findingTypes.map(([type]) => type).sort()).toEqual([...catalogue].sort());
    expect(new Set(findingTypes.map(([type]) => type)).size).toBe(findingTypes.length);
  });

  it('keeps the catalogue grouping where it suggests one', () => {
    const tsv = readFileSync(join(fixturesDir, 'guardduty/finding-types.tsv'), 'utf8').trim().split('\n').slice(1);
    for (const line of tsv) {
      const [type, , , suggested] = line.split('\t');
      if (suggested && suggested !== '-') expect(findingCategory(type!, 'Instance').category, type).toBe(suggested);
    }
  });

  it.each([
    ['Exfiltration:S3/SomethingNew', 'S3Bucket', 'exfiltration'],
    ['CredentialAccess:IAMUser/New', 'AccessKey', 'credential-compromise'],
    ['Discovery:S3/New', 'S3Bucket', 'recon'],
    ['Mystery:S3/New', 'S3Bucket', 'data-store-access'],
    ['Mystery:IAMUser/New', 'AccessKey', 'credential-compromise'],
    ['Mystery:EC2/New', 'Instance', 'host-compromise'],
  ])('judges unknown type %s on %s as %s', (type, resourceType, category) => {
    expect(findingCategory(type, resourceType).category).toBe(category);
  });
});

describe('opening thresholds', () => {
  it('opens exfiltration and data-store access from Low, others from Medium', () => {
    const low = (type: string) =>
      classifyFinding(GuardDutyEventSchema.parse(guardDutyEvent({ type, severity: 2 })).detail);
    expect(low('Exfiltration:S3/AnomalousBehavior').opensIncident).toBe(true);
    expect(low('Discovery:S3/AnomalousBehavior').opensIncident).toBe(true); // data-store access
    expect(low('Recon:EC2/Portscan').opensIncident).toBe(false);
    expect(low('Recon:EC2/Portscan').reason).toBe('severity 2 below minimum 4 for recon');
    expect(low('Backdoor:EC2/C&CActivity.B').reason).toBe('severity 2 below minimum 4 for host-compromise');
  });

  it('uses the configured minimum severity', () => {
    const event = GuardDutyEventSchema.parse(guardDutyEvent({ type: 'Backdoor:EC2/C&CActivity.B', severity: 5 }));
    expect(classifyFinding(event.detail).opensIncident).toBe(true);
    expect(classifyFinding(event.detail, { ...defaultRelevanceConfig, minSeverity: 7 }).opensIncident).toBe(false);
  });

  it('names one signal per finding version', () => {
    const first = classifyFinding(GuardDutyEventSchema.parse(guardDutyEvent()).detail);
    const reemit = classifyFinding(
      GuardDutyEventSchema.parse(guardDutyEvent({ updatedAt: '2022-01-29T00:00:00.000Z' })).detail,
    );
    expect(first.id).not.toBe(reemit.id);
    expect(first.findingKey).toBe(reemit.findingKey);
    expect(classifyFinding(GuardDutyEventSchema.parse(guardDutyEvent()).detail).id).toBe(first.id);
  });
});

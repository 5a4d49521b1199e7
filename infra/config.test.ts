import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

const from = (context: Record<string, unknown>) => (key: string) => context[key];
const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('readConfig', () => {
  it('defaults to a prod stage without sample content, alarm subscriber or overrides', () => {
    // Given cdk.json's empty placeholders
    const config = readConfig(from({ stage: '', siteTitle: '', itemLimit: '', domainName: '', certificateArn: '', sampleContent: '', alarmEmail: '' }));
    // Then
    expect(config).toEqual({ stage: 'prod', sampleContent: false, noncurrentVersionDays: 365, dailyRebuild: false });
  });

  it('ships sample content to a dev stack unless told not to', () => {
    expect(readConfig(from({ stage: 'dev' })).sampleContent).toBe(true);
    expect(readConfig(from({ stage: 'dev', sampleContent: 'false' })).sampleContent).toBe(false);
  });

  it('takes an alarm e-mail address', () => {
    expect(readConfig(from({ alarmEmail: ' desk@example.com ' })).alarmEmail).toBe('desk@example.com');
  });

  it('reads strings from the command line and JSON values from cdk.json alike', () => {
    const cli = readConfig(from({ stage: 'dev', itemLimit: '20', sampleContent: 'false', siteTitle: ' Wire ' }));
    const json = readConfig(from({ stage: 'dev', itemLimit: 20, sampleContent: false, siteTitle: 'Wire' }));
    expect(cli).toEqual(json);
    expect(cli).toMatchObject({ stage: 'dev', itemLimit: 20, sampleContent: false, siteTitle: 'Wire' });
  });

  it('takes a custom domain with a us-east-1 certificate', () => {
    const config = readConfig(from({ domainName: 'feeds.example.com', certificateArn: ARN }));
    expect(config).toMatchObject({ domainName: 'feeds.example.com', certificateArn: ARN });
  });

  it.each([
    [{ stage: 'production' }, /stage: expected "dev" or "prod"/],
    [{ domainName: 'feeds.example.com' }, /give both or neither/],
    [{ certificateArn: ARN }, /give both or neither/],
    [{ domainName: 'feeds.example.com', certificateArn: ARN.replace('us-east-1', 'eu-west-1') }, /certificateArn: expected an ACM certificate ARN in us-east-1/],
    [{ domainName: 'https://feeds.example.com/', certificateArn: ARN }, /domainName: expected a host name/],
    [{ itemLimit: '2.5' }, /itemLimit: expected a whole number from 1 to 1000/],
    [{ itemLimit: 0 }, /itemLimit/],
    [{ stage: 'dev', sampleContent: 'yes' }, /sampleContent: expected true or false/],
    // A production stack never publishes the sample stories, even when asked to
    [{ sampleContent: 'true' }, /sampleContent: sample stories are for stage=dev only/],
    [{ stage: 'prod', sampleContent: true }, /sampleContent: sample stories are for stage=dev only/],
    [{ alarmEmail: 'arn:aws:sns:eu-west-1:123456789012:pager' }, /alarmEmail: expected an e-mail address/],
    [{ siteTitle: 42 }, /siteTitle: expected a string/],
  ])('rejects %j', (context, message) => {
    expect(() => readConfig(from(context))).toThrow(ConfigError);
    expect(() => readConfig(from(context))).toThrow(message);
  });
});

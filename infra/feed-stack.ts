import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { RSS } from '../functions/core/formats/rss/rss-format.js';
import { ATOM } from '../functions/core/formats/atom/atom-format.js';
import { JSON_FEED } from '../functions/core/formats/json-feed/json-feed-format.js';
import { AlarmTopic } from './alarm-topic.js';
import { PublisherAlarms } from './alarms.js';
import { suppressCdkInternals } from './cdk-internals.js';
import type { FeedStackConfig } from './config.js';
import { PublisherDashboard } from './dashboard.js';
import { FeedDelivery } from './delivery.js';
import { PartnerAccess } from './partner-access.js';
import { Publisher } from './publisher.js';
import { RebuildMachine } from './rebuild-machine.js';
import { SampleContent } from './sample-content.js';
import { PublisherSchedules } from './schedules.js';
import { FeedStorage } from './storage.js';

/** Stack props: the checked context. */
export interface FeedStackProps extends StackProps {
  config: FeedStackConfig;
}

/** wirefeed on AWS: content bucket → queue → publisher → site bucket → CloudFront. */
export class FeedStack extends Stack {
  readonly storage: FeedStorage;
  readonly delivery: FeedDelivery;
  readonly publisher: Publisher;
  readonly rebuild: RebuildMachine;
  readonly alarmTopic: AlarmTopic;
  readonly dashboard: PublisherDashboard;

  constructor(scope: Construct, id: string, props: FeedStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.storage = new FeedStorage(this, 'Storage', { stage: config.stage, noncurrentVersionDays: config.noncurrentVersionDays });
    this.delivery = new FeedDelivery(this, 'Delivery', {
      site: this.storage.site,
      logs: this.storage.logs,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
    });
    new PartnerAccess(this, 'PartnerAccess', {
      distribution: this.delivery.distribution,
      origin: this.delivery.origin,
      cachePolicy: this.delivery.cachePolicy,
      responseHeadersPolicy: this.delivery.headers,
    });
    this.publisher = new Publisher(this, 'Publisher', {
      config,
      content: this.storage.content,
      site: this.storage.site,
      distribution: this.delivery.distribution,
      siteUrl: this.delivery.siteUrl,
    });
    this.rebuild = new RebuildMachine(this, 'Rebuild', { rebuilder: this.publisher.rebuilder, content: this.storage.content, disposable: config.stage === 'dev' });
    new PublisherSchedules(this, 'Schedules', { publisher: this.publisher.function, rebuild: this.rebuild.stateMachine }, { dailyRebuild: config.dailyRebuild });
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { email: config.alarmEmail });
    const alarms = new PublisherAlarms(this, 'Alarms', {
      function: this.publisher.function,
      rebuild: this.rebuild.stateMachine,
      deadLetterQueue: this.publisher.deadLetterQueue,
      topic: this.alarmTopic.topic,
    });
    this.dashboard = new PublisherDashboard(this, 'Dashboard', {
      publisher: this.publisher.function,
      rebuild: this.rebuild.stateMachine,
      queue: this.publisher.queue,
      deadLetterQueue: this.publisher.deadLetterQueue,
      alarms: alarms.all,
    });
    if (config.sampleContent) {
      // The bucket's notification configuration is a custom resource under the bucket; the sample
      // upload must wait for it, and for the queue's consumer, or the samples are never published.
      const notifications = this.storage.content.node.tryFindChild('Notifications');
      new SampleContent(this, 'SampleContent', {
        content: this.storage.content,
        after: [this.publisher, ...(notifications ? [notifications] : [])],
      });
    }
    this.addOutputs();
    suppressCdkInternals(this, this.storage.content);
  }

  private addOutputs(): void {
    const siteUrl = this.delivery.siteUrl;
    const outputs: Record<string, [string, string]> = {
      SiteUrl: [`${siteUrl}/`, 'Home page listing the feeds'],
      RssFeedUrl: [`${siteUrl}/${RSS.fileName}`, 'RSS 2.0 feed'],
      AtomFeedUrl: [`${siteUrl}/${ATOM.fileName}`, 'Atom 1.0 feed'],
      JsonFeedUrl: [`${siteUrl}/${JSON_FEED.fileName}`, 'JSON Feed 1.1'],
      ContentBucketName: [this.storage.content.bucketName, 'Upload stories to stories/ and photos to media/ here'],
      SiteBucketName: [this.storage.site.bucketName, 'Published feeds and pages (written by the publisher only)'],
      DistributionId: [this.delivery.distribution.distributionId, 'CloudFront distribution id'],
      DistributionDomainName: [this.delivery.distribution.distributionDomainName, 'CloudFront domain (point a custom domain CNAME here)'],
      PublisherFunctionName: [this.publisher.function.functionName, 'Publishes story changes from the queue, and releases embargoed stories'],
      RebuilderFunctionName: [this.publisher.rebuilder.functionName, 'Runs the steps of the rebuild state machine'],
      RebuildStateMachineArn: [this.rebuild.stateMachine.stateMachineArn, 'Start an execution of it for a full rebuild (aws stepfunctions start-execution)'],
      DeadLetterQueueUrl: [this.publisher.deadLetterQueue.queueUrl, 'Story changes that failed five times'],
      QueueArn: [this.publisher.queue.queueArn, 'Story changes waiting for the publisher (where a DLQ replay sends them back)'],
      DeadLetterQueueArn: [this.publisher.deadLetterQueue.queueArn, 'Source of a DLQ replay (aws sqs start-message-move-task)'],
      LogGroupName: [this.publisher.logGroup.logGroupName, 'Logs of the publisher and the rebuilder (JSON lines; field service tells them apart)'],
      AlarmTopicArn: [this.alarmTopic.topic.topicArn, 'SNS topic every alarm notifies; subscribe paging, chat or e-mail to it'],
      DashboardUrl: [
        `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboard.dashboardName}`,
        'CloudWatch dashboard: publishes, rejections, lag, queue age, DLQ depth, rebuilds',
      ],
    };
    for (const [id, [value, description]] of Object.entries(outputs)) new CfnOutput(this, id, { value, description });
  }
}

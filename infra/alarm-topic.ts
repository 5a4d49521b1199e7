import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Who hears the alarms. */
export interface AlarmTopicProps {
  /** Subscribed by e-mail when given; SNS mails a confirmation link first. */
  email?: string;
}

/**
 * The SNS topic every alarm notifies, on alarm and on recovery. Subscribe paging, chat or e-mail to
 * it; context `alarmEmail` subscribes one address at deploy time.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'wirefeed alarms',
      // No KMS key: a notification carries an alarm's name, state and metric value, nothing a
      // reader of the feeds could not infer, and CloudWatch can publish to an encrypted topic only
      // through a customer-managed key (a monthly charge and a key policy to keep right).
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}

#!/usr/bin/env bash
# Kafka ACLs for Switchboard: each service's principal may read and write exactly the topics its code uses
# (contracts' Topics; README "Run it in production"). Run with the stock tool against a SASL/TLS cluster:
#   KAFKA_ACLS="bin/kafka-acls --bootstrap-server kafka-0.kafka.example:9093 --command-config admin.properties" \
#     infra/deploy/kafka-acls.sh
# Without KAFKA_ACLS it prints the commands instead of running them.
# DeployManifestsTest (infra/launcher) checks these lines against the code's topics and consumer groups.
set -euo pipefail
ACLS="${KAFKA_ACLS:-echo bin/kafka-acls --bootstrap-server <broker>}"

# allow <principal> <operation> topic|group|cluster <name>
allow() {
  local principal="$1" operation="$2" kind="$3" name="${4:-}"
  case "$kind" in
    topic) $ACLS --add --allow-principal "User:$principal" --operation "$operation" --topic "$name" ;;
    group) $ACLS --add --allow-principal "User:$principal" --operation "$operation" --group "$name" ;;
    topic-prefix) $ACLS --add --allow-principal "User:$principal" --operation "$operation" --topic "$name" \
        --resource-pattern-type prefixed ;;
    cluster) $ACLS --add --allow-principal "User:$principal" --operation "$operation" --cluster ;;
  esac
}

# Every service creates missing topics at startup (KafkaAdmin): CREATE on the switchboard. prefix. Leave these out
# if ops create the topics beforehand; the services then find them.
for principal in switchboard-orchestrator switchboard-twilio-worker switchboard-vapi-worker switchboard-notifier; do
  allow "$principal" Create topic-prefix switchboard.
  allow "$principal" Describe topic-prefix switchboard.
done

# The orchestrator: consumes organization events and replies; sends commands and saga events; dead-letters what it
# cannot read; reads every dead-letter topic (ops API) and redrives to the topic a record came from.
allow switchboard-orchestrator Read topic switchboard.org-events.v1
allow switchboard-orchestrator Read topic switchboard.saga-replies.v1
allow switchboard-orchestrator Read group switchboard-orchestrator
allow switchboard-orchestrator Write topic switchboard.twilio-commands.v1
allow switchboard-orchestrator Write topic switchboard.vapi-commands.v1
allow switchboard-orchestrator Write topic switchboard.notifier-commands.v1
allow switchboard-orchestrator Write topic switchboard.saga-events.v1
allow switchboard-orchestrator Write topic switchboard.org-events.v1.dlq
allow switchboard-orchestrator Write topic switchboard.saga-replies.v1.dlq
# ops API: list and show dead letters (a group-less reader that commits nothing), redrive them
allow switchboard-orchestrator Read topic switchboard.org-events.v1.dlq
allow switchboard-orchestrator Read topic switchboard.twilio-commands.v1.dlq
allow switchboard-orchestrator Read topic switchboard.vapi-commands.v1.dlq
allow switchboard-orchestrator Read topic switchboard.notifier-commands.v1.dlq
allow switchboard-orchestrator Read topic switchboard.saga-replies.v1.dlq
allow switchboard-orchestrator Read group switchboard-ops-dlq-reader
allow switchboard-orchestrator Write topic switchboard.org-events.v1
allow switchboard-orchestrator Write topic switchboard.saga-replies.v1
# the console's live view: reads saga events from assigned partitions, no group, nothing committed
allow switchboard-orchestrator Read topic switchboard.saga-events.v1
# /actuator/health's kafka component: describe-cluster
allow switchboard-orchestrator Describe cluster

# The workers: each consumes its command topic, replies on saga-replies, dead-letters to its command topic's .dlq.
allow switchboard-twilio-worker Read topic switchboard.twilio-commands.v1
allow switchboard-twilio-worker Read group switchboard-twilio-worker
allow switchboard-twilio-worker Write topic switchboard.saga-replies.v1
allow switchboard-twilio-worker Write topic switchboard.twilio-commands.v1.dlq

allow switchboard-vapi-worker Read topic switchboard.vapi-commands.v1
allow switchboard-vapi-worker Read group switchboard-vapi-worker
allow switchboard-vapi-worker Write topic switchboard.saga-replies.v1
allow switchboard-vapi-worker Write topic switchboard.vapi-commands.v1.dlq

allow switchboard-notifier Read topic switchboard.notifier-commands.v1
allow switchboard-notifier Read group switchboard-notifier
allow switchboard-notifier Write topic switchboard.saga-replies.v1
allow switchboard-notifier Write topic switchboard.notifier-commands.v1.dlq

# Upstream services publish organization events and may follow the sagas (their own consumer groups).
allow switchboard-upstream Write topic switchboard.org-events.v1
allow switchboard-upstream Read topic switchboard.saga-events.v1

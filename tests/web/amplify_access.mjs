// Amplify's own storage-access code as an oracle (run by tests/it/amplify_oracle.rs):
// reads a JSON array of access definitions on stdin and prints, for each, the IAM
// statements Amplify's StorageAccessOrchestrator attaches to each role, or the error
// it throws. A definition is { "<path>": [{ "who": "guest" | "authenticated" |
// "entity" | "group", "group"?: name, "actions": [...] }] }. The bucket ARN is
// arn:aws:s3:::bkt; roles are named as Amplify names them to its acceptors
// (authenticatedUserIamRole, unauthenticatedUserIamRole, or the group name).
import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
// Not in the package's exports map: imported by path, as the package's own tests do.
import { StorageAccessOrchestrator } from './node_modules/@aws-amplify/backend-storage/lib/storage_access_orchestrator.js';
import { StorageAccessPolicyFactory } from './node_modules/@aws-amplify/backend-storage/lib/storage_access_policy_factory.js';

const definitions = JSON.parse(readFileSync(0, 'utf8'));

const rule = (allow, { who, group, actions }) => {
  switch (who) {
    case 'guest':
      return allow.guest.to(actions);
    case 'authenticated':
      return allow.authenticated.to(actions);
    case 'entity':
      return allow.entity('identity').to(actions);
    case 'group':
      return allow.groups([group]).to(actions);
    default:
      throw new Error(`unknown principal ${who}`);
  }
};

const results = definitions.map((definition) => {
  const app = new App();
  const stack = new Stack(app, 'Oracle');
  const bucket = Bucket.fromBucketArn(stack, 'Bucket', 'arn:aws:s3:::bkt');
  const policies = {};
  const acceptor = (role) => ({
    identifier: role,
    acceptResourceAccess: (policy) => {
      policies[role] = stack.resolve(policy.document.toJSON()).Statement;
    },
  });
  const getInstanceProps = {
    constructContainer: {
      getConstructFactory: () => ({
        getInstance: () => ({ getResourceAccessAcceptor: acceptor }),
      }),
    },
  };
  const generator = (allow) =>
    Object.fromEntries(
      Object.entries(definition).map(([path, rules]) => [path, rules.map((r) => rule(allow, r))]),
    );
  try {
    new StorageAccessOrchestrator(
      generator,
      getInstanceProps,
      [],
      new StorageAccessPolicyFactory(bucket),
    ).orchestrateStorageAccess();
    return { policies };
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
});
process.stdout.write(JSON.stringify(results));

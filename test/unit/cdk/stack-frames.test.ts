import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userFrame } from '../../../server/src/core/cdk/stack-frames.js';

test('creation stack of aws-cdk-lib 2.2xx ("just my code"): the first frame of the user', () => {
  const trace = [
    '...PropertyInjectable.addGatewayEndpoint in aws-cdk-lib...',
    'new NetworkStack (/home/dev/app/lib/network-stack.ts:24:25)',
    '<anonymous> (/home/dev/app/bin/app.ts:7:17)',
    '...node internals...',
  ];
  assert.deepEqual(userFrame(trace), { file: '/home/dev/app/lib/network-stack.ts', line: 24, column: 25 });
});

test('--debug trace of aws-cdk-lib 2.1xx: dependencies and Node internals are skipped', () => {
  const trace = [
    'new GatewayVpcEndpoint (/home/dev/app/node_modules/aws-cdk-lib/aws-ec2/lib/vpc-endpoint.js:1:3334)',
    'Vpc.addGatewayEndpoint (/home/dev/app/node_modules/aws-cdk-lib/aws-ec2/lib/vpc.js:1:3987)',
    'new NetworkStack (/home/dev/app/lib/network-stack.ts:24:25)',
    'Module._compile (node:internal/modules/cjs/loader:1521:14)',
    'node:internal/main/run_main_module:28:49',
  ];
  assert.deepEqual(userFrame(trace), { file: '/home/dev/app/lib/network-stack.ts', line: 24, column: 25 });
  // The indented "    at " form of other entries' traces reads the same.
  assert.deepEqual(userFrame(trace.map((f) => `    at ${f}`)), { file: '/home/dev/app/lib/network-stack.ts', line: 24, column: 25 });
});

test('no frame of the user: nothing, never a frame of a dependency', () => {
  assert.equal(userFrame(['stack traces disabled']), undefined);
  assert.equal(userFrame(['...aws-cdk-lib...', '(no user code in 10 frames, use --stack-trace-limit to capture more)']), undefined);
  assert.equal(userFrame(['new Vpc (C:\\app\\node_modules\\aws-cdk-lib\\aws-ec2\\lib\\vpc.js:1:99)', 'node:internal/main/run_main_module:28:49']), undefined);
  // Python app on CDK 2.1xx: aws-cdk-lib runs in the jsii kernel.
  assert.equal(
    userFrame([
      'new Vpc (/tmp/jsii-kernel-X1/node_modules/aws-cdk-lib/aws-ec2/lib/vpc.js:1:2)',
      'Kernel._create (/home/dev/app/.venv/lib/python3.11/site-packages/jsii/_embedded/jsii/lib/program.js:8467:58)',
    ]),
    undefined,
  );
  assert.equal(userFrame([42, null, {}]), undefined);
});

test('host-language frames jsii appends (no column), Windows paths and ES module URLs', () => {
  assert.deepEqual(userFrame(['...jsii runtime...', '__init__ (/home/dev/app/stacks/network.py:40)']), { file: '/home/dev/app/stacks/network.py', line: 40 });
  assert.deepEqual(userFrame(['new NetworkStack (C:\\dev\\app\\lib\\network-stack.ts:12:5)']), { file: 'C:/dev/app/lib/network-stack.ts', line: 12, column: 5 });
  assert.deepEqual(userFrame(['new NetworkStack (file:///home/dev/my%20app/lib/stack.mjs:3:9)']), { file: '/home/dev/my app/lib/stack.mjs', line: 3, column: 9 });
  assert.deepEqual(userFrame(['/home/dev/app/bin/app.js:7:1']), { file: '/home/dev/app/bin/app.js', line: 7, column: 1 });
});

test('an app synthesised on Windows: its frames, Windows dependencies skipped, the path with forward slashes', () => {
  // As a CDK v1 app's committed cdk.out records them (ts-node on Windows).
  const trace = [
    'new Vpc (D:\\Typescript\\vpc-cdk\\node_modules\\@aws-cdk\\aws-ec2\\lib\\vpc.ts:741:21)',
    'D:\\Typescript\\vpc-cdk\\node_modules\\@aws-cdk\\aws-ec2\\lib\\vpc.ts:913:32',
    'Array.forEach (<anonymous>)',
    'new VpcCdkStack (D:\\Typescript\\vpc-cdk\\lib\\vpc-cdk-stack.ts:13:15)',
    'internal/main/run_main_module.js:17:47',
  ];
  // Forward slashes: what SARIF's file URIs and every face's paths are made of, on any machine.
  assert.deepEqual(userFrame(trace), { file: 'D:/Typescript/vpc-cdk/lib/vpc-cdk-stack.ts', line: 13, column: 15 });
});

// The Node service's data access, as its handlers do it (AWS SDK for JavaScript v3 document client with the
// default marshalling), for tests that need its exact item shape in a table the gateway also uses.
//
//   node documents.mjs put TABLE  < documents.json    writes each document of a JSON array with PutCommand
//   node documents.mjs load TABLE < documents.json    the same documents through BatchWriteCommand (bulk fixtures)
//   node documents.mjs get TABLE  < keys.json         prints the items of a JSON array of keys (GetCommand)
//   node documents.mjs list TABLE ORGANIZATION_ID     prints every item of one organization (QueryCommand)
//   node documents.mjs scan TABLE                     prints every item of the table (ScanCommand)
//
// DYNAMODB_ENDPOINT points at the DynamoDB-compatible server (dynalite in tests).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';

const [command, table, organizationId] = process.argv.slice(2);
const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: process.env.AWS_REGION || 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const docClient = DynamoDBDocumentClient.from(client);

async function stdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function put() {
  const documents = await stdinJson();
  for (const item of documents) {
    await docClient.send(new PutCommand({ TableName: table, Item: item }));
  }
  console.log(JSON.stringify({ written: documents.length }));
}

async function load() {
  const documents = await stdinJson();
  const batches = [];
  for (let i = 0; i < documents.length; i += 25) batches.push(documents.slice(i, i + 25));
  async function writeBatch(items) {
    let pending = { [table]: items.map((Item) => ({ PutRequest: { Item } })) };
    while (pending && Object.keys(pending).length > 0) {
      const { UnprocessedItems } = await docClient.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = UnprocessedItems;
    }
  }
  let next = 0;
  const workers = Array.from({ length: 8 }, async () => {
    while (next < batches.length) await writeBatch(batches[next++]);
  });
  await Promise.all(workers);
  console.log(JSON.stringify({ written: documents.length }));
}

async function get() {
  const keys = await stdinJson();
  const items = [];
  for (const key of keys) {
    const { Item } = await docClient.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
    items.push(Item ?? null);
  }
  console.log(JSON.stringify(items));
}

async function list() {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await docClient.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'organizationId = :o',
      ExpressionAttributeValues: { ':o': organizationId },
      ExclusiveStartKey,
    }));
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  console.log(JSON.stringify(items));
}

async function scan() {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await docClient.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  console.log(JSON.stringify(items));
}

const commands = { put, load, get, list, scan };
if (!commands[command] || !table) {
  console.error('usage: node documents.mjs put|load|get|list|scan TABLE [ORGANIZATION_ID]');
  process.exit(2);
}
await commands[command]();

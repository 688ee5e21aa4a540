// The benchmark's earlier Node anchor, kept for one labelled row: the same list handler as category-list.cjs but as
// an ES module (import), which makes Node load the AWS SDK's many small ES files; the seed's handlers are CommonJS
// (category-list.cjs is the anchor). The SDK v3 DynamoDB client and document client built once at module load, the
// organization from the Cognito authorizer's claims, one Query of that organization's categories on the table's
// partition key, and an API Gateway proxy response. Run by runtime.cjs (_HANDLER=category-list-esm.handler).
//
// TABLE_NAME names the table; DYNAMODB_ENDPOINT points at a DynamoDB-compatible server (dynalite);
// region and credentials come from the environment, as on Lambda.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
const docClient = DynamoDBDocumentClient.from(client);

export const handler = async (event) => {
  const claims = event.requestContext?.authorizer?.claims;
  const organizationId = claims?.['custom:organizationId'] || claims?.organizationId;
  if (!organizationId) {
    return { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
  }
  const limit = Number(event.queryStringParameters?.limit ?? 20);
  const { Items, LastEvaluatedKey } = await docClient.send(new QueryCommand({
    TableName: process.env.TABLE_NAME,
    KeyConditionExpression: 'organizationId = :organizationId',
    ExpressionAttributeValues: { ':organizationId': organizationId },
    Limit: limit,
  }));
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({ items: Items, nextCursor: LastEvaluatedKey ? Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64') : null }),
  };
};

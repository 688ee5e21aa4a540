// The Node service's category-list handler in the seed's shape (handlers/category-list.js, Node 18 on Lambda), for
// the benchmark's anchor: CommonJS, the AWS SDK for JavaScript v3 DynamoDB client built at module load exactly as
// the seed builds it (`new DynamoDBClient({})`: region, credentials and endpoint all from the environment, which
// reads AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN and AWS_ENDPOINT_URL_DYNAMODB), the
// document client over it, the organization from the Cognito authorizer's claims, one Query of that
// organization's categories on the table's partition key (GET /categories?limit&cursor), and an API Gateway proxy
// response. The seed wraps the client in X-Ray's captureAWSv3Client; that is left out here (it would only add to
// the Node side's time).
//
// Run by runtime.cjs, the way Lambda's Node runtime runs a handler (require = init, then one call per event).
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, QueryCommand } = require('@aws-sdk/lib-dynamodb');

const client = new DynamoDBClient({});
const docClient = DynamoDBDocumentClient.from(client);

exports.handler = async (event) => {
  const claims = event.requestContext?.authorizer?.claims;
  const organizationId = claims?.['custom:organizationId'];
  if (!organizationId) {
    return { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
  }
  const query = event.queryStringParameters || {};
  const limit = Math.min(Math.max(parseInt(query.limit || '20', 10) || 20, 1), 100);
  const { Items, LastEvaluatedKey } = await docClient.send(new QueryCommand({
    TableName: process.env.TABLE_NAME,
    KeyConditionExpression: 'organizationId = :organizationId',
    ExpressionAttributeValues: { ':organizationId': organizationId },
    Limit: limit,
    ExclusiveStartKey: query.cursor ? JSON.parse(Buffer.from(query.cursor, 'base64').toString('utf8')) : undefined,
  }));
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
    body: JSON.stringify({
      items: Items,
      nextCursor: LastEvaluatedKey ? Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64') : null,
    }),
  };
};

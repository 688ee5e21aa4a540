# Endpoint policy: only the stack's tables are reachable through the DynamoDB gateway endpoint.
data "aws_iam_policy_document" "dynamodb_endpoint" {
  statement {
    sid    = "StackTablesOnly"
    effect = "Allow"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:UpdateItem",
    ]
    resources = var.dynamodb_endpoint_resource_arns

    principals {
      type        = "AWS"
      identifiers = [var.account_root_arn]
    }
  }
}

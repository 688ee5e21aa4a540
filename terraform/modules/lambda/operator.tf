# The role the gateway's operator commands run under: `migrate` (its parallel Scan of the categories table,
# and the writes that index each organization) and `repair`. The function's own role cannot Scan a table, so
# these commands need this one; nothing else uses it. Whoever the account's administrators allow
# sts:AssumeRole on it may assume it (the trust goes to the account, not to a person): see docs/operations.md,
# "Operator commands".
data "aws_iam_policy_document" "operator_assume_role" {
  statement {
    sid     = "AccountPrincipalsAllowedToAssume"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${var.partition}:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_iam_role" "operator" {
  name                 = "${var.environment}-insight-category-operator"
  description          = "Operator commands of the insight category gateway (migrate, repair): the function role plus Scan of the tables"
  assume_role_policy   = data.aws_iam_policy_document.operator_assume_role.json
  max_session_duration = var.operator_session_hours * 3600

  tags = var.tags
}

data "aws_iam_policy_document" "operator" {
  # What requests do to the items, plus Scan of the tables: `migrate` reads the whole categories table in
  # parallel segments (resumable), then indexes each organization with the same writes requests make; and
  # DescribeTable: every operator command first checks both tables' keys and indexes (`check-tables`).
  statement {
    sid       = "DynamoDBTables"
    effect    = "Allow"
    actions   = sort(concat(local.request_table_actions, ["dynamodb:DescribeTable", "dynamodb:Scan"]))
    resources = [var.categories_table_arn, var.templates_table_arn]
  }

  statement {
    sid       = "DynamoDBIndexes"
    effect    = "Allow"
    actions   = ["dynamodb:Query"]
    resources = ["${var.categories_table_arn}/index/*", "${var.templates_table_arn}/index/*"]
  }

  # The tables' key, and only when DynamoDB uses it on the operator's behalf.
  statement {
    sid    = "KmsTableKey"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:GenerateDataKey",
    ]
    resources = [var.table_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["dynamodb.${var.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "operator" {
  name   = "${var.environment}-insight-category-operator"
  role   = aws_iam_role.operator.id
  policy = data.aws_iam_policy_document.operator.json
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.environment}-insight-category-lambda"
  description        = "Execution role of the insight category gateway function"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json

  tags = var.tags
}

locals {
  ec2_arn_prefix = "arn:${var.partition}:ec2:${var.region}:${var.account_id}"
  subnet_arns    = [for id in var.subnet_ids : "${local.ec2_arn_prefix}:subnet/${id}"]

  # What the Java store does to the tables' items while serving requests (the operator role adds Scan).
  request_table_actions = [
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
  ]
}

# Exactly what the function needs; no AWS managed policy (AWSLambdaVPCAccessExecutionRole would grant
# logs:* writes and ENI actions on every resource of the account).
data "aws_iam_policy_document" "this" {
  # Item reads and writes requests make. No Scan of a table: only the operator's `migrate` scans one, under the
  # operator role (operator.tf). No transactions, no DescribeTable (only local runs create tables).
  statement {
    sid       = "DynamoDBTables"
    effect    = "Allow"
    actions   = local.request_table_actions
    resources = [var.categories_table_arn, var.templates_table_arn]
  }

  # The code queries the indexes: the categories table's CategoryNameIndex, CreatedAtIndex, ParentIndex and
  # NameKeyIndex, the templates table's TemplateTypeIndex and OrganizationTemplateIndex.
  statement {
    sid       = "DynamoDBIndexes"
    effect    = "Allow"
    actions   = ["dynamodb:Query"]
    resources = ["${var.categories_table_arn}/index/*", "${var.templates_table_arn}/index/*"]
  }

  # The one Scan a request makes: listing the templates of every type (GraphQL templates without a type, REST
  # GET /templates) scans TemplateTypeIndex, which holds the shared templates only (private ones are in
  # OrganizationTemplateIndex), so a listing never reads another organization's private templates.
  statement {
    sid       = "DynamoDBSharedTemplates"
    effect    = "Allow"
    actions   = ["dynamodb:Scan"]
    resources = ["${var.templates_table_arn}/index/TemplateTypeIndex"]
  }

  # The function's own log group only (Terraform creates it, so no logs:CreateLogGroup).
  statement {
    sid    = "FunctionLogs"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = [aws_cloudwatch_log_group.this.arn, "${aws_cloudwatch_log_group.this.arn}:log-stream:*"]
  }

  # The X-Ray daemon Lambda runs sends the function's segments and its DynamoDB subsegments with the role
  # (only where tracing is on). X-Ray has no resource-level permissions.
  dynamic "statement" {
    for_each = var.xray_tracing ? [1] : []

    content {
      sid    = "XRayTracing"
      effect = "Allow"
      actions = [
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ]
      resources = ["*"]
    }
  }

  # The tables' key, and only when DynamoDB uses it on the function's behalf.
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

  # Network interfaces of a VPC function (Lambda creates and deletes them with the execution role).
  # EC2's Describe* actions support no resource-level permissions: they need "*" (the only ENI grant that does).
  statement {
    sid    = "VpcNetworkInterfacesDescribe"
    effect = "Allow"
    actions = [
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
    ]
    resources = ["*"]
  }

  # CreateNetworkInterface is authorized on the subnet and the security group it uses: only the function's.
  statement {
    sid       = "VpcNetworkInterfacesInFunctionSubnets"
    effect    = "Allow"
    actions   = ["ec2:CreateNetworkInterface"]
    resources = concat(local.subnet_arns, [for id in var.security_group_ids : "${local.ec2_arn_prefix}:security-group/${id}"])
  }

  # ...and on the new interface itself, like the interface actions that follow: only interfaces of the
  # function's subnets, in this account and region.
  statement {
    sid    = "VpcNetworkInterfacesManage"
    effect = "Allow"
    actions = [
      "ec2:AssignPrivateIpAddresses",
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["${local.ec2_arn_prefix}:network-interface/*"]

    condition {
      test     = "ArnEquals"
      variable = "ec2:Subnet"
      values   = local.subnet_arns
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.environment}-insight-category-lambda"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

# Categories table: the seed's schema plus what the Java store adds. The name, the keys and the attributes
# and indexes of the seed are kept exactly, so that the Node service's live table can be imported
# (imports.tf) and is only ever updated in place; adding a GSI to a live table is an in-place update
# that backfills the index (Terraform waits until it is ACTIVE; one index at a time).
#   - ParentIndex (organizationId, parentKey) lists the children of a parent sorted by name;
#     parentKey = "<parentCategoryId or #ROOT>#<normalized name>\u0001<categoryId>" (ties by id).
#   - NameKeyIndex (organizationId, nameOrder, ALL), nameOrder = "<normalized name>\u0001<categoryId>", finds
#     the categories of a normalized name (begins_with) and pages all names in reading order (case-insensitive).
#   - UpdatedAtIndex (organizationId, updatedAt, KEYS_ONLY) orders categories by their last change for delta
#     sync (categoryChanges); the Node service writes updatedAt too, so its items are in it without a backfill.
#   - Name-claim ("<org>#NAME"), lease ("<org>#LOCK") and idempotency ("<org>#IDEMPOTENCY") items live
#     under synthetic partition keys of the same table; idempotency records expire through TTL on expiresAt.
resource "aws_dynamodb_table" "categories" {
  name                        = "${var.environment}-insight-categories"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "organizationId"
  range_key                   = "categoryId"
  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "organizationId"
    type = "S"
  }

  attribute {
    name = "categoryId"
    type = "S"
  }

  attribute {
    name = "categoryName"
    type = "S"
  }

  attribute {
    name = "createdAt"
    type = "S"
  }

  attribute {
    name = "parentKey"
    type = "S"
  }

  attribute {
    name = "nameOrder"
    type = "S"
  }

  attribute {
    name = "updatedAt"
    type = "S"
  }

  global_secondary_index {
    name            = "CategoryNameIndex"
    hash_key        = "organizationId"
    range_key       = "categoryName"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "CreatedAtIndex"
    hash_key        = "organizationId"
    range_key       = "createdAt"
    projection_type = "KEYS_ONLY"
  }

  global_secondary_index {
    name            = "ParentIndex"
    hash_key        = "organizationId"
    range_key       = "parentKey"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "NameKeyIndex"
    hash_key        = "organizationId"
    range_key       = "nameOrder"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "UpdatedAtIndex"
    hash_key        = "organizationId"
    range_key       = "updatedAt"
    projection_type = "KEYS_ONLY"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.enable_pitr
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags

  # The tenants' data: never destroyed or replaced by Terraform, in any environment.
  lifecycle {
    prevent_destroy = true
  }
}

# Templates table: the seed's schema plus one index of the gateway's (added in place, like the categories'):
#   - OrganizationTemplateIndex (organizationId, typeVersion) lists one organization's private templates by type,
#     newest version first; typeVersion = "<type>#<2147483647 - version, 10 digits>". Private templates keep
#     their type in privateTemplateType, not templateType, so TemplateTypeIndex holds the shared catalog only and
#     a listing never reads other organizations' private templates. The Node service's templates (shared, with
#     templateType) need no backfill.
resource "aws_dynamodb_table" "templates" {
  name                        = "${var.environment}-insight-category-templates"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "templateId"
  range_key                   = "version"
  deletion_protection_enabled = var.deletion_protection_enabled

  attribute {
    name = "templateId"
    type = "S"
  }

  attribute {
    name = "version"
    type = "N"
  }

  attribute {
    name = "templateType"
    type = "S"
  }

  attribute {
    name = "organizationId"
    type = "S"
  }

  attribute {
    name = "typeVersion"
    type = "S"
  }

  global_secondary_index {
    name            = "TemplateTypeIndex"
    hash_key        = "templateType"
    range_key       = "version"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "OrganizationTemplateIndex"
    hash_key        = "organizationId"
    range_key       = "typeVersion"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.enable_pitr
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags

  # The tenants' data: never destroyed or replaced by Terraform, in any environment.
  lifecycle {
    prevent_destroy = true
  }
}

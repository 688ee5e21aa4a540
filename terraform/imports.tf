# Adoption of a Node-service environment (docs/operations.md, "Adopting an existing Node-service
# environment"): with existing_resource_ids set, the first plan imports the Node service's tables, user pool
# and app client into this state instead of creating them. Import blocks are idempotent: once a resource
# is in the state they do nothing, so the ids can stay in the environment's inputs.
# Empty by default, so a plan of a new environment (and the offline plan test) imports nothing.

import {
  for_each = { for key, id in var.existing_resource_ids : key => id if key == "categories_table" }

  to = module.dynamodb.aws_dynamodb_table.categories
  id = each.value
}

import {
  for_each = { for key, id in var.existing_resource_ids : key => id if key == "templates_table" }

  to = module.dynamodb.aws_dynamodb_table.templates
  id = each.value
}

import {
  for_each = { for key, id in var.existing_resource_ids : key => id if key == "user_pool" }

  to = module.cognito.aws_cognito_user_pool.this
  id = each.value
}

import {
  for_each = { for key, id in var.existing_resource_ids : key => id if key == "user_pool_client" }

  to = module.cognito.aws_cognito_user_pool_client.this
  id = "${var.existing_resource_ids["user_pool"]}/${each.value}"
}

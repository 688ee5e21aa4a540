bucket       = "insight-terraform-state"
key          = "category-api/dev/terraform.tfstate"
region       = "us-east-1"
encrypt      = true
use_lockfile = true

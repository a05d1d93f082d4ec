#pragma once
/// Every rule ipack has, one definition per file in this folder.

#include "rules/rule.h"

namespace ipack::rules {

// Input (reported by the front end)
extern const Rule kYamlSyntax;
extern const Rule kDuplicateKey;
extern const Rule kInputLimit;
extern const Rule kSchema;
extern const Rule kUnknownKind;

// Platform
extern const Rule kPackLimit;
extern const Rule kDuplicatePackage;
extern const Rule kNotShareable;
extern const Rule kNotPublished;
extern const Rule kDeploymentFields;
extern const Rule kPrimaryType;
extern const Rule kMultiInstallApiService;
extern const Rule kAccountFeature;
extern const Rule kDescriptionLength;
extern const Rule kNameLength;
extern const Rule kReleaseDate;

}  // namespace ipack::rules

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
extern const Rule kProcessRouteInClosure;
extern const Rule kExcludedDependency;

// Components
extern const Rule kComponentXml;
extern const Rule kDuplicateComponent;
extern const Rule kComponentsFolder;
extern const Rule kMissingComponent;
extern const Rule kComponentMismatch;
extern const Rule kDeletedComponent;
extern const Rule kClosureUnchecked;
extern const Rule kUnresolvedReference;
extern const Rule kUnusedComponent;

// Extensions
extern const Rule kExtensionNotDeclared;
extern const Rule kSecretDefault;
extern const Rule kInvalidPattern;
extern const Rule kSubprocessExtensionIgnored;
extern const Rule kCredentialNotExtensible;
extern const Rule kInconsistentExtensions;

// Best practice
extern const Rule kDefaultName;
extern const Rule kProcessDescription;
extern const Rule kExceptionMessageParameters;
extern const Rule kBusinessRuleMessageParameters;
extern const Rule kQueueListenerConcurrency;
extern const Rule kQueueDeadLetter;
extern const Rule kListenerGeneralMode;

// Release
extern const Rule kPackageVersionReused;
extern const Rule kInstallationChanged;
extern const Rule kVersionNotIncreased;
extern const Rule kPackageRemoved;
extern const Rule kPlaceholder;

// Install plans
extern const Rule kPlanPackMismatch;
extern const Rule kInstanceName;
extern const Rule kUnknownExtension;
extern const Rule kMissingExtension;
extern const Rule kSecretLiteral;
extern const Rule kExtensionPattern;
extern const Rule kScheduleSyntax;
extern const Rule kScheduleTarget;
extern const Rule kDuplicateEnvironment;

// Suppressions
extern const Rule kUnusedSuppression;

}  // namespace ipack::rules

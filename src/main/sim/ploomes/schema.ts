// The entity model the OData layer validates against. The real API answers 403 for any property
// name it does not know, so every property and navigation a client may name has to be declared.

export type Rec = Record<string, unknown>;
export type PropType = 'int' | 'decimal' | 'string' | 'bool' | 'datetime';

export interface NavDef {
  target: () => EntitySchema;
  many: boolean;
  resolve: (rec: Rec) => Rec | Rec[] | null;
}

export interface EntitySchema {
  name: string;
  props: ReadonlyMap<string, PropType>;
  navs: ReadonlyMap<string, NavDef>;
}

/** What navigation properties need from the dataset. */
export interface Lookups {
  byId(entity: LookupEntity, id: unknown): Rec | null;
  stagesOf(pipelineId: number): Rec[];
  phonesOf(contactId: number): Rec[];
  otherPropertiesOf(entity: 'deal' | 'contact', id: number): Rec[];
  tagsOf(entity: 'deal' | 'contact', id: number): Rec[];
}

export type LookupEntity =
  | 'contact' | 'deal' | 'user' | 'pipeline' | 'stage' | 'dealStatus' | 'lossReason' | 'origin'
  | 'currency' | 'tag' | 'field' | 'contactType' | 'contactStatus' | 'city' | 'state' | 'country';

type PropList = [string, PropType][];

const DEAL_PROPS: PropList = [
  ['Id', 'int'], ['Title', 'string'], ['ContactId', 'int'], ['ContactName', 'string'], ['PersonId', 'int'],
  ['PersonName', 'string'], ['PipelineId', 'int'], ['StageId', 'int'], ['LastStageId', 'int'], ['StatusId', 'int'],
  ['LossReasonId', 'int'], ['OriginId', 'int'], ['OwnerId', 'int'], ['StartDate', 'datetime'], ['FinishDate', 'datetime'],
  ['CurrencyId', 'int'], ['Amount', 'decimal'], ['StartCurrencyId', 'int'], ['StartAmount', 'decimal'],
  ['FirstTaskId', 'int'], ['FirstTaskDate', 'datetime'], ['FirstTaskNoTime', 'bool'], ['HasScheduledTasks', 'bool'],
  ['TasksOrdination', 'int'], ['ContactProductId', 'int'], ['LastQuoteId', 'int'], ['IsLastQuoteApproved', 'bool'],
  ['WonQuoteId', 'int'], ['Read', 'bool'], ['LastInteractionRecordId', 'int'], ['LastOrderId', 'int'],
  ['LastDocumentId', 'int'], ['DaysInStage', 'int'], ['HoursInStage', 'int'], ['Length', 'int'],
  ['CreateImportId', 'int'], ['UpdateImportId', 'int'], ['ImportationIdCreate', 'int'], ['ImportationIdUpdate', 'int'],
  ['PublicFormIdCreate', 'int'], ['PublicFormIdUpdate', 'int'], ['LeadId', 'int'], ['OriginDealId', 'int'],
  ['ReevId', 'int'], ['DealNumber', 'int'], ['Editable', 'bool'], ['Deletable', 'bool'], ['CreatorId', 'int'],
  ['UpdaterId', 'int'], ['CreateDate', 'datetime'], ['LastUpdateDate', 'datetime'],
];

const CONTACT_PROPS: PropList = [
  ['Id', 'int'], ['TypeId', 'int'], ['Name', 'string'], ['LegalName', 'string'], ['CNPJ', 'string'], ['CPF', 'string'],
  ['Register', 'string'], ['StatusId', 'int'], ['CompanyId', 'int'], ['ClassId', 'int'], ['RelationshipId', 'int'],
  ['LineOfBusinessId', 'int'], ['OriginId', 'int'], ['NumberOfEmployeesId', 'int'], ['OwnerId', 'int'],
  ['Email', 'string'], ['Website', 'string'], ['StreetAddress', 'string'], ['StreetAddressNumber', 'string'],
  ['StreetAddressLine2', 'string'], ['Neighborhood', 'string'], ['ZipCode', 'int'], ['ForeignZipCode', 'string'],
  ['CityId', 'int'], ['StateId', 'int'], ['CountryId', 'int'], ['CurrencyId', 'int'], ['CNAECode', 'string'],
  ['CNAEName', 'string'], ['Latitude', 'decimal'], ['Longitude', 'decimal'], ['Birthday', 'datetime'], ['Note', 'string'],
  ['RoleId', 'int'], ['DepartmentId', 'int'], ['LastDealId', 'int'], ['LastOrderId', 'int'],
  ['LastInteractionRecordId', 'int'], ['LeadId', 'int'], ['Key', 'string'], ['AvatarUrl', 'string'],
  ['IdentityDocument', 'string'], ['Editable', 'bool'], ['Deletable', 'bool'], ['CreatorId', 'int'], ['UpdaterId', 'int'],
  ['CreateDate', 'datetime'], ['LastUpdateDate', 'datetime'],
];

const VALUE_PROPS: PropList = [
  ['StringValue', 'string'], ['BigStringValue', 'string'], ['IntegerValue', 'int'], ['DecimalValue', 'decimal'],
  ['DateTimeValue', 'datetime'], ['BoolValue', 'bool'], ['ObjectValueId', 'int'], ['ObjectValueName', 'string'],
  ['UserValueId', 'int'], ['UserValueName', 'string'], ['ProductValueId', 'int'], ['ContactValueId', 'int'],
  ['CurrencyValueId', 'int'], ['AttachmentValueId', 'int'],
];

export const PROPS = {
  deal: DEAL_PROPS.map(([name]) => name),
  contact: CONTACT_PROPS.map(([name]) => name),
};

export interface Schemas {
  deal: EntitySchema;
  contact: EntitySchema;
  user: EntitySchema;
  pipeline: EntitySchema;
  stage: EntitySchema;
  dealStatus: EntitySchema;
  lossReason: EntitySchema;
  origin: EntitySchema;
  contactType: EntitySchema;
  contactStatus: EntitySchema;
  currency: EntitySchema;
  tag: EntitySchema;
  field: EntitySchema;
  city: EntitySchema;
  state: EntitySchema;
  country: EntitySchema;
  order: EntitySchema;
  quote: EntitySchema;
  account: EntitySchema;
  webhook: EntitySchema;
  webhookAction: EntitySchema;
}

export function buildSchemas(lookups: Lookups): Schemas {
  const entity = (name: string, props: PropList, navs: Record<string, NavDef> = {}): EntitySchema =>
    ({ name, props: new Map(props), navs: new Map(Object.entries(navs)) });
  const one = (target: () => EntitySchema, kind: LookupEntity, key: string): NavDef =>
    ({ target, many: false, resolve: (rec) => lookups.byId(kind, rec[key]) });
  const none = (target: () => EntitySchema, many: boolean): NavDef =>
    ({ target, many, resolve: () => (many ? [] : null) });

  const idName = (name: string) => entity(name, [['Id', 'int'], ['Name', 'string']]);
  const user = entity('User', [
    ['Id', 'int'], ['Name', 'string'], ['Email', 'string'], ['Phone', 'string'], ['ProfileId', 'int'],
    ['Suspended', 'bool'], ['Integration', 'bool'], ['AvatarUrl', 'string'], ['CreateDate', 'datetime'],
  ]);
  const currency = entity('Currency', [['Id', 'int'], ['Name', 'string'], ['Symbol', 'string']]);
  const country = entity('Country', [['Id', 'int'], ['Name', 'string'], ['Short', 'string']]);
  const state = entity('State', [['Id', 'int'], ['Name', 'string'], ['Short', 'string'], ['CountryId', 'int']], {
    Country: one(() => country, 'country', 'CountryId'),
  });
  const city = entity('City', [['Id', 'int'], ['Name', 'string'], ['StateId', 'int'], ['CountryId', 'int']], {
    State: one(() => state, 'state', 'StateId'),
    Country: one(() => country, 'country', 'CountryId'),
  });
  const tag = entity('Tag', [['Id', 'int'], ['Name', 'string'], ['Color', 'string'], ['EntityId', 'int']]);
  const field = entity('Field', [
    ['Id', 'int'], ['Key', 'string'], ['Name', 'string'], ['EntityId', 'int'], ['TypeId', 'int'], ['Dynamic', 'bool'],
    ['Required', 'bool'], ['OptionsTableId', 'int'], ['CreateDate', 'datetime'],
  ]);
  const otherProperty = (name: string, ownerKey: string) => entity(name, [
    ['Id', 'int'], ['FieldId', 'int'], ['FieldKey', 'string'], [ownerKey, 'int'], ...VALUE_PROPS,
  ], {
    Field: one(() => field, 'field', 'FieldId'),
    CurrencyValue: one(() => currency, 'currency', 'CurrencyValueId'),
    UserValue: one(() => user, 'user', 'UserValueId'),
  });
  const tagLink = (name: string, ownerKey: string) => entity(name, [['Id', 'int'], ['TagId', 'int'], [ownerKey, 'int']], {
    Tag: one(() => tag, 'tag', 'TagId'),
  });
  const dealOtherProperty = otherProperty('DealOtherProperty', 'DealId');
  const contactOtherProperty = otherProperty('ContactOtherProperty', 'ContactId');
  const dealTag = tagLink('DealTag', 'DealId');
  const contactTag = tagLink('ContactTag', 'ContactId');
  const phone = entity('Phone', [
    ['Id', 'int'], ['ContactId', 'int'], ['PhoneNumber', 'string'], ['SearchPhoneNumber', 'int'], ['TypeId', 'int'], ['CountryId', 'int'],
  ], { Country: one(() => country, 'country', 'CountryId') });

  const stage: EntitySchema = entity('Stage', [
    ['Id', 'int'], ['Name', 'string'], ['PipelineId', 'int'], ['Ordination', 'int'], ['LastPipelineStage', 'bool'], ['TriggerId', 'int'],
  ], { Pipeline: one(() => pipeline, 'pipeline', 'PipelineId') });
  const pipeline: EntitySchema = entity('Pipeline', [
    ['Id', 'int'], ['Name', 'string'], ['Ordination', 'int'], ['Archived', 'bool'], ['MayWinDeals', 'bool'],
    ['MayLoseDeals', 'bool'], ['WinDealOnLastStage', 'bool'], ['MustPassAllStages', 'bool'], ['CreatorId', 'int'],
    ['CreateDate', 'datetime'],
  ], {
    Stages: { target: () => stage, many: true, resolve: (rec) => lookups.stagesOf(rec.Id as number) },
    Creator: one(() => user, 'user', 'CreatorId'),
  });
  const dealStatus = idName('DealStatus');
  const lossReason = entity('LossReason', [['Id', 'int'], ['Name', 'string'], ['PipelineId', 'int']], {
    Pipeline: one(() => pipeline, 'pipeline', 'PipelineId'),
  });
  const origin = idName('Origin');
  const contactType = idName('ContactType');
  const contactStatus = idName('ContactStatus');
  const quote = entity('Quote', [
    ['Id', 'int'], ['QuoteNumber', 'int'], ['ReviewNumber', 'int'], ['LastReview', 'bool'], ['DealId', 'int'],
    ['ContactId', 'int'], ['Amount', 'decimal'], ['Discount', 'decimal'], ['CurrencyId', 'int'], ['ApprovalStatusId', 'int'],
    ['Date', 'datetime'], ['ExpirationDate', 'datetime'], ['OwnerId', 'int'], ['CreateDate', 'datetime'], ['LastUpdateDate', 'datetime'],
  ]);
  const order = entity('Order', [
    ['Id', 'int'], ['OrderNumber', 'int'], ['Date', 'datetime'], ['ContactId', 'int'], ['ContactName', 'string'],
    ['PersonId', 'int'], ['DealId', 'int'], ['StageId', 'int'], ['Amount', 'decimal'], ['Discount', 'decimal'],
    ['CurrencyId', 'int'], ['OwnerId', 'int'], ['OriginQuoteId', 'int'], ['CreateDate', 'datetime'], ['LastUpdateDate', 'datetime'],
  ]);
  const attachment = entity('Attachment', [
    ['Id', 'int'], ['Name', 'string'], ['Url', 'string'], ['ContentType', 'string'], ['Size', 'int'], ['CreateDate', 'datetime'],
  ]);
  const dealProduct = entity('DealProduct', [
    ['Id', 'int'], ['DealId', 'int'], ['ProductId', 'int'], ['Quantity', 'decimal'], ['UnitPrice', 'decimal'],
    ['Discount', 'decimal'], ['Total', 'decimal'],
  ]);
  const task = entity('Task', [['Id', 'int'], ['Title', 'string'], ['DateTime', 'datetime'], ['Finished', 'bool']]);
  const lead = idName('Lead');
  const document = idName('Document');

  const deal: EntitySchema = entity('Deal', DEAL_PROPS, {
    Contact: one(() => contact, 'contact', 'ContactId'),
    Person: one(() => contact, 'contact', 'PersonId'),
    Pipeline: one(() => pipeline, 'pipeline', 'PipelineId'),
    Stage: one(() => stage, 'stage', 'StageId'),
    Status: one(() => dealStatus, 'dealStatus', 'StatusId'),
    LossReason: one(() => lossReason, 'lossReason', 'LossReasonId'),
    Origin: one(() => origin, 'origin', 'OriginId'),
    Owner: one(() => user, 'user', 'OwnerId'),
    Creator: one(() => user, 'user', 'CreatorId'),
    Updater: one(() => user, 'user', 'UpdaterId'),
    Currency: one(() => currency, 'currency', 'CurrencyId'),
    StartCurrency: one(() => currency, 'currency', 'StartCurrencyId'),
    OriginDeal: one(() => deal, 'deal', 'OriginDealId'),
    Tags: { target: () => dealTag, many: true, resolve: (rec) => lookups.tagsOf('deal', rec.Id as number) },
    OtherProperties: { target: () => dealOtherProperty, many: true, resolve: (rec) => lookups.otherPropertiesOf('deal', rec.Id as number) },
    // The account has no quotes, orders, tasks, leads, documents or attachments: these stay empty.
    Attachments: none(() => attachment, true),
    Products: none(() => dealProduct, true),
    LastQuote: none(() => quote, false),
    LastOrder: none(() => order, false),
    Lead: none(() => lead, false),
    FirstTask: none(() => task, false),
    LastDocument: none(() => document, false),
  });
  const contact: EntitySchema = entity('Contact', CONTACT_PROPS, {
    Company: one(() => contact, 'contact', 'CompanyId'),
    Type: one(() => contactType, 'contactType', 'TypeId'),
    Status: one(() => contactStatus, 'contactStatus', 'StatusId'),
    Owner: one(() => user, 'user', 'OwnerId'),
    Creator: one(() => user, 'user', 'CreatorId'),
    Updater: one(() => user, 'user', 'UpdaterId'),
    Origin: one(() => origin, 'origin', 'OriginId'),
    City: one(() => city, 'city', 'CityId'),
    State: one(() => state, 'state', 'StateId'),
    Country: one(() => country, 'country', 'CountryId'),
    Currency: one(() => currency, 'currency', 'CurrencyId'),
    LastDeal: one(() => deal, 'deal', 'LastDealId'),
    Phones: { target: () => phone, many: true, resolve: (rec) => lookups.phonesOf(rec.Id as number) },
    OtherProperties: { target: () => contactOtherProperty, many: true, resolve: (rec) => lookups.otherPropertiesOf('contact', rec.Id as number) },
    Tags: { target: () => contactTag, many: true, resolve: (rec) => lookups.tagsOf('contact', rec.Id as number) },
    Attachments: none(() => attachment, true),
    LastOrder: none(() => order, false),
    Lead: none(() => lead, false),
  });
  const account = entity('Account', [
    ['Id', 'int'], ['Name', 'string'], ['LegalName', 'string'], ['Register', 'string'], ['Email', 'string'],
    ['Phone', 'string'], ['Website', 'string'], ['CreateDate', 'datetime'],
  ]);
  const webhook = entity('Webhook', [
    ['Id', 'int'], ['EntityId', 'int'], ['ActionId', 'int'], ['CallbackUrl', 'string'], ['ValidationKey', 'string'],
    ['CreatorId', 'int'], ['CreateDate', 'datetime'],
  ], { Creator: one(() => user, 'user', 'CreatorId') });
  const webhookAction = idName('WebhookAction');

  return {
    deal, contact, user, pipeline, stage, dealStatus, lossReason, origin, contactType, contactStatus, currency,
    tag, field, city, state, country, order, quote, account, webhook, webhookAction,
  };
}

/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: Ajv 8.20.0 standalone code (packages/presence-webhooks/scripts/generate.mjs)
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
// @ts-nocheck
"use strict";
function ucs2length(text) {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
export const validatePresenceUpdateEvent = validate10;
const schema11 = {"$id":"presence-update-event","definitions":{"PresenceUpdateEvent":{"type":"object","required":["id","timestamp","session","event","payload"],"properties":{"id":{"type":"string","minLength":1},"timestamp":{"type":"number","minimum":0},"session":{"type":"string"},"metadata":{"type":"object","additionalProperties":true},"engine":{"type":"string"},"event":{"type":"string","enum":["presence.update"]},"payload":{"$ref":"#/definitions/PresenceUpdatePayload"},"me":{"$ref":"#/definitions/WebhookMe"}}},"WebhookMe":{"type":"object","properties":{"id":{"type":"string"},"lid":{"type":"string"},"pushName":{"type":"string"}}},"PresenceUpdatePayload":{"type":"object","required":["chatId","type"],"properties":{"chatId":{"type":"string","minLength":1},"type":{"type":"string","minLength":1},"from":{"type":"string"}}}},"$ref":"#/definitions/PresenceUpdateEvent"};
const schema12 = {"type":"object","required":["id","timestamp","session","event","payload"],"properties":{"id":{"type":"string","minLength":1},"timestamp":{"type":"number","minimum":0},"session":{"type":"string"},"metadata":{"type":"object","additionalProperties":true},"engine":{"type":"string"},"event":{"type":"string","enum":["presence.update"]},"payload":{"$ref":"#/definitions/PresenceUpdatePayload"},"me":{"$ref":"#/definitions/WebhookMe"}}};
const schema13 = {"type":"object","required":["chatId","type"],"properties":{"chatId":{"type":"string","minLength":1},"type":{"type":"string","minLength":1},"from":{"type":"string"}}};
const schema14 = {"type":"object","properties":{"id":{"type":"string"},"lid":{"type":"string"},"pushName":{"type":"string"}}};
const func2 = ucs2length;

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(errors === 0){
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((((((data.id === undefined) && (missing0 = "id")) || ((data.timestamp === undefined) && (missing0 = "timestamp"))) || ((data.session === undefined) && (missing0 = "session"))) || ((data.event === undefined) && (missing0 = "event"))) || ((data.payload === undefined) && (missing0 = "payload"))){
validate11.errors = [{instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: missing0},message:"must have required property '"+missing0+"'"}];
return false;
}
else {
if(data.id !== undefined){
let data0 = data.id;
const _errs1 = errors;
if(errors === _errs1){
if(typeof data0 === "string"){
if(func2(data0) < 1){
validate11.errors = [{instancePath:instancePath+"/id",schemaPath:"#/properties/id/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
else {
validate11.errors = [{instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid0 = _errs1 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.timestamp !== undefined){
let data1 = data.timestamp;
const _errs3 = errors;
if(errors === _errs3){
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
validate11.errors = [{instancePath:instancePath+"/timestamp",schemaPath:"#/properties/timestamp/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"}];
return false;
}
}
else {
validate11.errors = [{instancePath:instancePath+"/timestamp",schemaPath:"#/properties/timestamp/type",keyword:"type",params:{type: "number"},message:"must be number"}];
return false;
}
}
var valid0 = _errs3 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.session !== undefined){
const _errs5 = errors;
if(typeof data.session !== "string"){
validate11.errors = [{instancePath:instancePath+"/session",schemaPath:"#/properties/session/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs5 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.metadata !== undefined){
let data3 = data.metadata;
const _errs7 = errors;
if(errors === _errs7){
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
}
else {
validate11.errors = [{instancePath:instancePath+"/metadata",schemaPath:"#/properties/metadata/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs7 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.engine !== undefined){
const _errs10 = errors;
if(typeof data.engine !== "string"){
validate11.errors = [{instancePath:instancePath+"/engine",schemaPath:"#/properties/engine/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid0 = _errs10 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.event !== undefined){
let data5 = data.event;
const _errs12 = errors;
if(typeof data5 !== "string"){
validate11.errors = [{instancePath:instancePath+"/event",schemaPath:"#/properties/event/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
if(!(data5 === "presence.update")){
validate11.errors = [{instancePath:instancePath+"/event",schemaPath:"#/properties/event/enum",keyword:"enum",params:{allowedValues: schema12.properties.event.enum},message:"must be equal to one of the allowed values"}];
return false;
}
var valid0 = _errs12 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.payload !== undefined){
let data6 = data.payload;
const _errs14 = errors;
const _errs15 = errors;
if(errors === _errs15){
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
let missing1;
if(((data6.chatId === undefined) && (missing1 = "chatId")) || ((data6.type === undefined) && (missing1 = "type"))){
validate11.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/definitions/PresenceUpdatePayload/required",keyword:"required",params:{missingProperty: missing1},message:"must have required property '"+missing1+"'"}];
return false;
}
else {
if(data6.chatId !== undefined){
let data7 = data6.chatId;
const _errs17 = errors;
if(errors === _errs17){
if(typeof data7 === "string"){
if(func2(data7) < 1){
validate11.errors = [{instancePath:instancePath+"/payload/chatId",schemaPath:"#/definitions/PresenceUpdatePayload/properties/chatId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
else {
validate11.errors = [{instancePath:instancePath+"/payload/chatId",schemaPath:"#/definitions/PresenceUpdatePayload/properties/chatId/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid2 = _errs17 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data6.type !== undefined){
let data8 = data6.type;
const _errs19 = errors;
if(errors === _errs19){
if(typeof data8 === "string"){
if(func2(data8) < 1){
validate11.errors = [{instancePath:instancePath+"/payload/type",schemaPath:"#/definitions/PresenceUpdatePayload/properties/type/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"}];
return false;
}
}
else {
validate11.errors = [{instancePath:instancePath+"/payload/type",schemaPath:"#/definitions/PresenceUpdatePayload/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
}
var valid2 = _errs19 === errors;
}
else {
var valid2 = true;
}
if(valid2){
if(data6.from !== undefined){
const _errs21 = errors;
if(typeof data6.from !== "string"){
validate11.errors = [{instancePath:instancePath+"/payload/from",schemaPath:"#/definitions/PresenceUpdatePayload/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid2 = _errs21 === errors;
}
else {
var valid2 = true;
}
}
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/payload",schemaPath:"#/definitions/PresenceUpdatePayload/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs14 === errors;
}
else {
var valid0 = true;
}
if(valid0){
if(data.me !== undefined){
let data10 = data.me;
const _errs23 = errors;
const _errs24 = errors;
if(errors === _errs24){
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.id !== undefined){
const _errs26 = errors;
if(typeof data10.id !== "string"){
validate11.errors = [{instancePath:instancePath+"/me/id",schemaPath:"#/definitions/WebhookMe/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid4 = _errs26 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data10.lid !== undefined){
const _errs28 = errors;
if(typeof data10.lid !== "string"){
validate11.errors = [{instancePath:instancePath+"/me/lid",schemaPath:"#/definitions/WebhookMe/properties/lid/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid4 = _errs28 === errors;
}
else {
var valid4 = true;
}
if(valid4){
if(data10.pushName !== undefined){
const _errs30 = errors;
if(typeof data10.pushName !== "string"){
validate11.errors = [{instancePath:instancePath+"/me/pushName",schemaPath:"#/definitions/WebhookMe/properties/pushName/type",keyword:"type",params:{type: "string"},message:"must be string"}];
return false;
}
var valid4 = _errs30 === errors;
}
else {
var valid4 = true;
}
}
}
}
else {
validate11.errors = [{instancePath:instancePath+"/me",schemaPath:"#/definitions/WebhookMe/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
var valid0 = _errs23 === errors;
}
else {
var valid0 = true;
}
}
}
}
}
}
}
}
}
}
else {
validate11.errors = [{instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"}];
return false;
}
}
validate11.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="presence-update-event" */;
let vErrors = null;
let errors = 0;
if(!(validate11(data, {instancePath,parentData,parentDataProperty,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
validate10.errors = vErrors;
return errors === 0;
}


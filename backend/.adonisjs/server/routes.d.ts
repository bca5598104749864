import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.session.sms': { paramsTuple?: []; params?: {} }
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.wechat.authorize': { paramsTuple?: []; params?: {} }
    'api.wechat.callback': { paramsTuple?: []; params?: {} }
    'api.identity.sms': { paramsTuple?: []; params?: {} }
    'api.identity.bind': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.session.destroy': { paramsTuple?: []; params?: {} }
    'api.session.destroy_all': { paramsTuple?: []; params?: {} }
    'api.filing_stats.index': { paramsTuple?: []; params?: {} }
    'api.estate_filings.index': { paramsTuple?: []; params?: {} }
    'api.estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filings.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filing_stats.export': { paramsTuple?: []; params?: {} }
    'api.estate_filings.export': { paramsTuple?: []; params?: {} }
    'api.filings.store': { paramsTuple?: []; params?: {} }
    'api.filings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filings.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.project_stats.index': { paramsTuple?: []; params?: {} }
    'api.estates.index': { paramsTuple?: []; params?: {} }
    'api.project_stats.export': { paramsTuple?: []; params?: {} }
    'api.estates.export': { paramsTuple?: []; params?: {} }
    'api.audit_logs.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.export': { paramsTuple?: []; params?: {} }
    'api.account.update': { paramsTuple?: []; params?: {} }
    'api.account.phone_code': { paramsTuple?: []; params?: {} }
    'api.account.unbind_wechat': { paramsTuple?: []; params?: {} }
    'api.account.deregister': { paramsTuple?: []; params?: {} }
    'api.users.index': { paramsTuple?: []; params?: {} }
    'api.users.export': { paramsTuple?: []; params?: {} }
    'api.users.stats': { paramsTuple?: []; params?: {} }
    'api.users.stats.export': { paramsTuple?: []; params?: {} }
    'api.users.stats_list': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.stats_list.export': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.options': { paramsTuple?: []; params?: {} }
    'api.users.store': { paramsTuple?: []; params?: {} }
    'api.users.update_features': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  GET: {
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.wechat.authorize': { paramsTuple?: []; params?: {} }
    'api.wechat.callback': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.filing_stats.index': { paramsTuple?: []; params?: {} }
    'api.estate_filings.index': { paramsTuple?: []; params?: {} }
    'api.estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filings.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filing_stats.export': { paramsTuple?: []; params?: {} }
    'api.estate_filings.export': { paramsTuple?: []; params?: {} }
    'api.project_stats.index': { paramsTuple?: []; params?: {} }
    'api.estates.index': { paramsTuple?: []; params?: {} }
    'api.project_stats.export': { paramsTuple?: []; params?: {} }
    'api.estates.export': { paramsTuple?: []; params?: {} }
    'api.audit_logs.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.export': { paramsTuple?: []; params?: {} }
    'api.users.index': { paramsTuple?: []; params?: {} }
    'api.users.export': { paramsTuple?: []; params?: {} }
    'api.users.stats': { paramsTuple?: []; params?: {} }
    'api.users.stats.export': { paramsTuple?: []; params?: {} }
    'api.users.stats_list': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.stats_list.export': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.options': { paramsTuple?: []; params?: {} }
  }
  HEAD: {
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.wechat.authorize': { paramsTuple?: []; params?: {} }
    'api.wechat.callback': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.filing_stats.index': { paramsTuple?: []; params?: {} }
    'api.estate_filings.index': { paramsTuple?: []; params?: {} }
    'api.estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filings.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filing_stats.export': { paramsTuple?: []; params?: {} }
    'api.estate_filings.export': { paramsTuple?: []; params?: {} }
    'api.project_stats.index': { paramsTuple?: []; params?: {} }
    'api.estates.index': { paramsTuple?: []; params?: {} }
    'api.project_stats.export': { paramsTuple?: []; params?: {} }
    'api.estates.export': { paramsTuple?: []; params?: {} }
    'api.audit_logs.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.export': { paramsTuple?: []; params?: {} }
    'api.users.index': { paramsTuple?: []; params?: {} }
    'api.users.export': { paramsTuple?: []; params?: {} }
    'api.users.stats': { paramsTuple?: []; params?: {} }
    'api.users.stats.export': { paramsTuple?: []; params?: {} }
    'api.users.stats_list': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.stats_list.export': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.options': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'api.session.sms': { paramsTuple?: []; params?: {} }
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.identity.sms': { paramsTuple?: []; params?: {} }
    'api.identity.bind': { paramsTuple?: []; params?: {} }
    'api.filings.store': { paramsTuple?: []; params?: {} }
    'api.account.phone_code': { paramsTuple?: []; params?: {} }
    'api.account.unbind_wechat': { paramsTuple?: []; params?: {} }
    'api.account.deregister': { paramsTuple?: []; params?: {} }
    'api.users.store': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'api.session.destroy': { paramsTuple?: []; params?: {} }
    'api.session.destroy_all': { paramsTuple?: []; params?: {} }
    'api.filings.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PATCH: {
    'api.filings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PUT: {
    'api.account.update': { paramsTuple?: []; params?: {} }
    'api.users.update_features': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}
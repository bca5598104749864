import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.session.destroy': { paramsTuple?: []; params?: {} }
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
  }
  GET: {
    'api.session.csrf': { paramsTuple?: []; params?: {} }
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
  }
  HEAD: {
    'api.session.csrf': { paramsTuple?: []; params?: {} }
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
  }
  POST: {
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.filings.store': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'api.session.destroy': { paramsTuple?: []; params?: {} }
    'api.filings.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
  PATCH: {
    'api.filings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}